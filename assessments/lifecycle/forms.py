from django import forms

from assessments.models import QuestionnaireVersion
from core.bidi import isolate_text
from vendors.models import Offering


class StartAssessmentForm(forms.Form):
    offering = forms.ModelChoiceField(
        queryset=Offering.objects.select_related("vendor").order_by("vendor__name", "name"),
        empty_label="Choose the product or service…",
        error_messages={
            "required": "Choose the offering to assess.",
            "invalid_choice": "Choose an offering from the list.",
        },
    )
    questionnaire = forms.ModelChoiceField(
        queryset=QuestionnaireVersion.objects.filter(status=QuestionnaireVersion.Status.PUBLISHED),
        empty_label=None,
        error_messages={
            "required": "Choose a questionnaire version.",
            "invalid_choice": "Choose a published questionnaire version.",
        },
    )
    due_date = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="When the answers should be complete (optional).",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # An <option> holds no markup: typed names are isolated with Unicode characters instead.
        self.fields["offering"].label_from_instance = lambda o: (
            f"{isolate_text(o.vendor.name)} — {isolate_text(o.name)}"
        )
        self.fields["questionnaire"].label_from_instance = lambda q: (
            f"{isolate_text(q.title)} ({q.key} v{q.version})"
        )
