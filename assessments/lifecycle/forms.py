from django import forms

from assessments.models import QuestionnaireVersion
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
        self.fields["offering"].label_from_instance = lambda o: f"{o.vendor.name} — {o.name}"
