"""Which recorded documents back each *attested* answer, and what the scope check says of them.

One query for an assessment's documents; bridge letters are not checked on their own but extend
the report they name (its coverage runs to the letter's last covered day). The scoring adapter
scores an attested answer whose documents all fail as documented; the review workspace and the
report show every flag with its sentence.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from assessments.models import EvidenceDocument
from scoring import DocumentFacts, ScopeCheck, backed_level, scope_check


@dataclass(frozen=True)
class DocumentCheck:
    document: EvidenceDocument
    check: ScopeCheck


def _facts(document: EvidenceDocument, bridged_until: datetime.date | None) -> DocumentFacts:
    return DocumentFacts(
        kind=document.kind,
        scope_products=tuple(document.scope_products or ()),
        period_start=document.period_start,
        period_end=document.period_end,
        issued_on=document.issued_on,
        expires_on=document.expires_on,
        bridged_until=bridged_until,
        scope_justification=document.scope_justification,
        label=document.label,
    )


def assessment_documents(*, assessment_pk) -> list[EvidenceDocument]:
    return list(
        EvidenceDocument.objects.filter(evidence__answer__assessment_id=assessment_pk)
        .select_related(
            "evidence__answer__question",
            "evidence__answer__assessment__offering",
            "confirmed_by",
            "bridges",
        )
        .order_by("created_at", "pk")
    )


def attestation_checks(
    *,
    assessment_pk,
    documents: list[EvidenceDocument] | None = None,
    offering_name: str | None = None,
    today: datetime.date | None = None,
) -> dict[int, tuple[DocumentCheck, ...]]:
    """Answer id → the check of each document (bridge letters aside) attached to it."""
    documents = (
        assessment_documents(assessment_pk=assessment_pk) if documents is None else documents
    )
    if not documents:
        return {}
    today = today or timezone.localdate()
    bridged: dict[int, datetime.date] = {}
    for letter in documents:
        if letter.kind == "bridge_letter" and letter.bridges_id and letter.period_end:
            current = bridged.get(letter.bridges_id)
            bridged[letter.bridges_id] = max(filter(None, (current, letter.period_end)))
    if offering_name is None:
        offering_name = documents[0].evidence.answer.assessment.offering.name
    names = (offering_name,)
    checks: dict[int, list[DocumentCheck]] = {}
    for document in documents:
        if document.kind == "bridge_letter":
            continue
        check = scope_check(
            _facts(document, bridged.get(document.pk)), offering_names=names, today=today
        )
        checks.setdefault(document.evidence.answer_id, []).append(DocumentCheck(document, check))
    return {answer_id: tuple(found) for answer_id, found in checks.items()}


def backed_levels(*, assessment_pk, answers) -> dict[int, str]:
    """Answer id → the level it is scored at, for the attested answers among `answers` (model
    instances or rows with `id` and `evidence_level`); one query, and none without any."""
    attested = [a for a in answers if a.evidence_level == "attested"]
    if not attested:
        return {}
    checks = attestation_checks(assessment_pk=assessment_pk)
    return {
        a.id: backed_level("attested", tuple(c.check for c in checks.get(a.id, ())))
        for a in attested
    }
