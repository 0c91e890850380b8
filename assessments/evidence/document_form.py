"""The form that records what an evidence document is. It holds every fact of every kind; the page
shows only those of the chosen kind (static/js/document-form.js; without script, each field says
which kinds it is for) and the service keeps only those."""

from django import forms

from assessments.evidence.documents import KIND_FIELDS, kind_needs
from assessments.models import EvidenceDocument

YES_NO = [("", "Not stated"), ("yes", "Yes"), ("no", "No")]
LIST_HELP = "One per line."
# The browser's date picker, sending ISO dates whatever the page's language.
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _report_choice(report: EvidenceDocument) -> str:
    if report.period_end:
        return f"{report.label}, period to {report.period_end:%-d %b %Y}"
    return report.label


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(
        label="What kind of document is it?",
        choices=[("", "Choose…"), *EvidenceDocument.Kind.choices],
        error_messages={"required": "Choose what kind of document this is."},
    )
    issuer = forms.CharField(
        label="Issued by",
        required=False,
        max_length=200,
        help_text="The audit firm, certification body or testing company.",
    )
    subject = forms.CharField(
        label="About (legal entity)",
        required=False,
        max_length=200,
        help_text="The company the document is about, as it names it.",
    )
    scope_products = forms.CharField(
        label="Products and services in scope",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="As the scope statement names them. " + LIST_HELP,
    )
    scope_regions = forms.CharField(
        label="Regions or data centres in scope",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=LIST_HELP,
    )
    trust_criteria = forms.CharField(
        label="Trust services criteria",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="E.g. Security, Availability, Confidentiality. " + LIST_HELP,
    )
    star_level = forms.CharField(label="STAR level", required=False, max_length=20)
    period_start = forms.DateField(label="Audit period from", required=False, widget=DATE)
    period_end = forms.DateField(
        label="Audit period to",
        required=False,
        help_text="For a bridge letter: the last day it covers.",
        widget=DATE,
    )
    issued_on = forms.DateField(label="Issued on", required=False, widget=DATE)
    expires_on = forms.DateField(label="Expires on", required=False, widget=DATE)
    bridges = forms.ChoiceField(label="Extends which report", required=False, choices=())
    exceptions_noted = forms.ChoiceField(
        label="Exceptions or open findings noted?", required=False, choices=YES_NO
    )
    exceptions_text = forms.CharField(
        label="What the exceptions are", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    cuecs_noted = forms.ChoiceField(
        label="Complementary user-entity controls listed?",
        required=False,
        choices=YES_NO,
        help_text="Controls the report expects us, the customer, to run.",
    )
    carve_outs = forms.CharField(
        label="Subservice organisations carved out",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Providers the audit left out (e.g. the cloud platform it runs on).",
    )

    def __init__(self, *args, reports=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bridges"].choices = [("", "Choose the report…")] + [
            (
                str(r.pk),
                f"{r.label}, period to {r.period_end:%-d %b %Y}" if r.period_end else r.label,
            )
            for r in reports
        ]
        for name, field in self.fields.items():
            if name == "kind":
                continue
            kinds = [kind for kind, names in KIND_FIELDS.items() if name in names]
            field.widget.attrs["data-kinds"] = " ".join(kinds)
            needed = [kind for kind in kinds if kind_needs(kind)[name]]
            field.widget.attrs["data-required-kinds"] = " ".join(needed)

    @staticmethod
    def initial_from(document: EvidenceDocument | None) -> dict:
        if document is None:
            return {}
        initial = {"kind": document.kind}
        for name in ("issuer", "subject", "star_level", "exceptions_text", "carve_outs"):
            initial[name] = getattr(document, name)
        for name in ("scope_products", "scope_regions", "trust_criteria"):
            initial[name] = "\n".join(getattr(document, name) or [])
        for name in ("period_start", "period_end", "issued_on", "expires_on"):
            initial[name] = getattr(document, name)
        for name in ("exceptions_noted", "cuecs_noted"):
            value = getattr(document, name)
            initial[name] = "" if value is None else ("yes" if value else "no")
        initial["bridges"] = str(document.bridges_id or "")
        return initial


class ConfirmForm(forms.Form):
    scope_justification = forms.CharField(
        label="Why it applies although its scope does not name this offering",
        required=False,
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Only when the scope names another product: leave empty otherwise.",
    )
