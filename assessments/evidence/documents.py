"""Recording what an evidence document is (its kind and the facts that kind has), and an
architect's confirmation of them, with the reason a document applies though its scope does not
name the offering. Each write is audited on the assessment.

Which facts a kind has is KIND_FIELDS: the form asks only those, and facts of other kinds are
cleared when the kind changes, so nothing stale sits in a field the page no longer shows.
"""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from assessments.audit import audit_record
from assessments.evidence.services import evidence_accepting_require
from assessments.models import Assessment, AuditAction, Evidence, EvidenceDocument
from assessments.summary import summary_refresh
from assessments.workflow import REVIEWER_EVIDENCE
from core.errors import ConflictError, NotAllowed, ServiceError
from core.permissions import can_review
from core.text import multi_line_text, single_line_text
from scoring import DOCUMENT_KINDS as KINDS

# The facts each kind has, in the order the form asks them.
_AUDIT = ("issuer", "subject", "scope_products", "trust_criteria")
_AUDIT_NOTES = ("exceptions_noted", "exceptions_text", "cuecs_noted", "carve_outs")
_CERTIFICATE = ("issuer", "subject", "scope_products", "scope_regions", "issued_on", "expires_on")
KIND_FIELDS: dict[str, tuple[str, ...]] = {
    "soc2_type2": (*_AUDIT, "scope_regions", "period_start", "period_end", *_AUDIT_NOTES),
    "soc2_type1": (*_AUDIT, "scope_regions", "issued_on", *_AUDIT_NOTES),
    "soc3": (*_AUDIT, "period_start", "period_end"),
    "iso27001": _CERTIFICATE,
    "iso27017": _CERTIFICATE,
    "iso27018": _CERTIFICATE,
    "csa_star": (*_CERTIFICATE, "star_level"),
    "pci_dss_aoc": _CERTIFICATE,
    "fedramp": _CERTIFICATE,
    "pentest": (
        "issuer",
        "subject",
        "scope_products",
        "issued_on",
        "exceptions_noted",
        "exceptions_text",
    ),
    "bridge_letter": ("subject", "bridges", "issued_on", "period_end"),
    "architecture": ("subject", "scope_products", "issued_on"),
    "policy": ("subject", "scope_products", "issued_on"),
    "other": ("issuer", "subject", "scope_products", "issued_on"),
}
# Without these the scope check cannot run: the form asks for them.
REQUIRED = {
    "period": ("scope_products", "period_end"),
    "validity": ("scope_products", "expires_on"),
    "dated": ("issued_on",),
}
LIST_FIELDS = ("scope_products", "scope_regions", "trust_criteria")
DATE_FIELDS = ("period_start", "period_end", "issued_on", "expires_on")
TEXT_FIELDS = ("issuer", "subject", "star_level")
LONG_TEXT_FIELDS = ("exceptions_text", "carve_outs")
FLAG_FIELDS = ("exceptions_noted", "cuecs_noted")
ALL_FIELDS = (*LIST_FIELDS, *DATE_FIELDS, *TEXT_FIELDS, *LONG_TEXT_FIELDS, *FLAG_FIELDS, "bridges")

UNKNOWN_KIND = "Choose what kind of document this is."
BAD_DATE = "Enter a date as YYYY-MM-DD."
REQUIRED_FACT = "Needed to check what the document covers."
PERIOD_BACKWARDS = "The period must end after it starts."
VALIDITY_BACKWARDS = "The expiry date must come after the issue date."
BRIDGES_WHAT = "Choose the report this bridge letter extends."
BRIDGE_NOT_REPORT = "A bridge letter extends a SOC 2 Type II report of this assessment."
BRIDGE_BEFORE_PERIOD = "A bridge letter covers the months after the report's period ends."
REVIEWERS_CONFIRM = "Only an architect confirms a document's facts."
CONFIRM_WHEN = "This assessment is {status}: documents are confirmed while it is reviewed."
JUSTIFICATION_TOO_SHORT = "Say why the document applies to this offering (at least 10 characters)."


def kind_needs(kind: str) -> dict[str, bool]:
    """The facts `kind` asks for, each with whether it is required."""
    required = REQUIRED[KINDS[kind][1]] if kind != "bridge_letter" else ("bridges", "period_end")
    return {name: name in required for name in KIND_FIELDS[kind]}


def _clean(kind: str, data: dict, assessment: Assessment) -> dict:
    errors: dict[str, list[str]] = {}
    needs = kind_needs(kind)
    cleaned: dict = {name: None for name in DATE_FIELDS}
    cleaned.update({name: [] for name in LIST_FIELDS})
    cleaned.update({name: "" for name in (*TEXT_FIELDS, *LONG_TEXT_FIELDS)})
    cleaned.update({name: None for name in (*FLAG_FIELDS, "bridges")})
    for name, required in needs.items():
        value = data.get(name)
        try:
            if name in LIST_FIELDS:
                items = value if isinstance(value, list) else str(value or "").split("\n")
                value = [single_line_text(str(i)).strip()[:200] for i in items if str(i).strip()]
            elif name in TEXT_FIELDS:
                value = single_line_text(str(value or "")).strip()[:200]
            elif name in LONG_TEXT_FIELDS:
                value = multi_line_text(str(value or "")).strip()[:2_000]
            elif name in DATE_FIELDS:
                value = _date(value)
            elif name in FLAG_FIELDS:
                value = None if value in (None, "") else value in (True, "true", "yes", "1")
        except ValidationError as refused:
            errors[name] = refused.messages
            continue
        if required and value in (None, "", []):
            errors[name] = [BRIDGES_WHAT if name == "bridges" else REQUIRED_FACT]
            continue
        cleaned[name] = value
    cleaned["bridges"] = _bridged_report(kind, data.get("bridges"), assessment, errors)
    _check_order(cleaned, errors)
    if cleaned["bridges"] and cleaned["period_end"]:
        report_end = cleaned["bridges"].period_end
        if report_end and cleaned["period_end"] <= report_end:
            errors["period_end"] = [BRIDGE_BEFORE_PERIOD]
    if errors:
        raise ServiceError("The document's facts were not saved.", field_errors=errors)
    return cleaned


def _date(value) -> datetime.date | None:
    if value in (None, "") or isinstance(value, datetime.date):
        return value or None
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise ValidationError(BAD_DATE) from None


def _bridged_report(kind, value, assessment, errors) -> EvidenceDocument | None:
    if kind != "bridge_letter" or value in (None, ""):
        return None
    report = (
        EvidenceDocument.objects.filter(
            pk=getattr(value, "pk", value),
            kind="soc2_type2",
            evidence__answer__assessment=assessment,
        ).first()
        if str(getattr(value, "pk", value)).isdigit()
        else None
    )
    if report is None:
        errors["bridges"] = [BRIDGE_NOT_REPORT]
    return report


def _check_order(cleaned: dict, errors: dict) -> None:
    start, end = cleaned["period_start"], cleaned["period_end"]
    if start and end and end < start:
        errors["period_end"] = [PERIOD_BACKWARDS]
    issued, expires = cleaned["issued_on"], cleaned["expires_on"]
    if issued and expires and expires <= issued:
        errors["expires_on"] = [VALIDITY_BACKWARDS]


def _facts_for_audit(document: EvidenceDocument) -> dict:
    facts = {"kind": document.kind}
    for name in ALL_FIELDS:
        value = getattr(document, name if name != "bridges" else "bridges_id")
        if isinstance(value, datetime.date):
            value = value.isoformat()
        if value not in (None, "", []):
            facts[name] = value
    return facts


@transaction.atomic
def document_record(
    *, actor: AbstractBaseUser, evidence: Evidence, kind: str, data: dict
) -> EvidenceDocument:
    """Records (or corrects) what the evidence item is. Whoever may attach evidence to the
    assessment now may; a change after an architect confirmed the facts asks for a new
    confirmation."""
    assessment = Assessment.objects.select_for_update().get(pk=evidence.answer.assessment_id)
    evidence_accepting_require(assessment, actor)
    if kind not in KINDS:
        raise ServiceError(UNKNOWN_KIND, field_errors={"kind": [UNKNOWN_KIND]})
    cleaned = _clean(kind, data, assessment)
    document = EvidenceDocument.objects.filter(evidence=evidence).first() or EvidenceDocument(
        evidence=evidence
    )
    before = _facts_for_audit(document) if document.pk else None
    document.kind = kind
    for name, value in cleaned.items():
        setattr(document, name, value)
    document.recorded_by = actor
    after = _facts_for_audit(document)
    if before != after:
        document.confirmed_by, document.confirmed_at = None, None
    document.save()
    audit_record(
        assessment=assessment,
        actor=actor,
        action=AuditAction.DOCUMENT_RECORDED,
        question_key=evidence.answer.question.key,
        old=before or {},
        new=after,
    )
    summary_refresh(assessment=assessment)  # an attested answer's backing may have changed
    return document


@transaction.atomic
def document_confirm(
    *, actor: AbstractBaseUser, document: EvidenceDocument, scope_justification: str = ""
) -> EvidenceDocument:
    """An architect confirms the recorded facts, with, where the scope does not name the
    offering, why the document still applies (an empty reason removes an earlier one)."""
    if not can_review(actor):
        raise NotAllowed(REVIEWERS_CONFIRM)
    assessment = Assessment.objects.select_for_update().get(
        pk=document.evidence.answer.assessment_id
    )
    if assessment.status not in REVIEWER_EVIDENCE:
        status = assessment.get_status_display().lower()
        raise ConflictError(CONFIRM_WHEN.format(status=status), current=None)
    reason = multi_line_text(scope_justification or "").strip()
    if reason and len(reason) < 10:
        raise ServiceError(
            JUSTIFICATION_TOO_SHORT, field_errors={"scope_justification": [JUSTIFICATION_TOO_SHORT]}
        )
    before = {"scope_justification": document.scope_justification}
    document.scope_justification = reason[:2_000]
    document.confirmed_by, document.confirmed_at = actor, timezone.now()
    document.save(
        update_fields=["scope_justification", "confirmed_by", "confirmed_at", "updated_at"]
    )
    audit_record(
        assessment=assessment,
        actor=actor,
        action=AuditAction.DOCUMENT_CONFIRMED,
        question_key=document.evidence.answer.question.key,
        old=before,
        new={"kind": document.kind, "scope_justification": document.scope_justification},
    )
    summary_refresh(assessment=assessment)
    return document
