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
from assessments.questionnaire.structure import questionnaire_structure_by_id
from scoring import DocumentFacts, ScopeCheck, backed_level, scope_check


@dataclass(frozen=True)
class DocumentCheck:
    document: EvidenceDocument
    check: ScopeCheck


def document_facts(
    document: EvidenceDocument, bridged_until: datetime.date | None
) -> DocumentFacts:
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
    questionnaire_id: int | None = None,
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
    if offering_name is None or questionnaire_id is None:
        assessment = documents[0].evidence.answer.assessment
        offering_name, questionnaire_id = assessment.offering.name, assessment.questionnaire_id
    names = (offering_name,)
    structure = questionnaire_structure_by_id(questionnaire_id)
    policy = structure.rubric.policy
    checks: dict[int, list[DocumentCheck]] = {}
    for document in documents:
        if document.kind == "bridge_letter":
            continue
        check = scope_check(
            document_facts(document, bridged.get(document.pk)),
            offering_names=names,
            today=today,
            accepted_kinds=policy.accepted_kinds(
                structure.by_id[document.evidence.answer.question_id].domain_key
            ),
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


@dataclass(frozen=True)
class DocumentLine:
    """One recorded document as the report lists it."""

    label: str
    subject: str
    scope: str
    period: str
    question: str
    verdict: str
    flags: tuple
    confirmed: bool


def _period_words(document: EvidenceDocument) -> str:
    day = "%-d %b %Y"
    if document.kind == "bridge_letter" and document.period_end:
        return f"covers to {document.period_end:{day}}"
    if document.period_end:
        start = f"{document.period_start:{day}} to " if document.period_start else "to "
        return f"period {start}{document.period_end:{day}}"
    if document.expires_on:
        issued = f"issued {document.issued_on:{day}}, " if document.issued_on else ""
        return f"{issued}valid until {document.expires_on:{day}}"
    if document.issued_on:
        return f"dated {document.issued_on:{day}}"
    return "no date recorded"


def _scope_words(document: EvidenceDocument) -> str:
    parts = [", ".join(document.scope_products or ()) or "no product named"]
    if document.scope_regions:
        parts.append("regions: " + ", ".join(document.scope_regions))
    if document.trust_criteria:
        parts.append("criteria: " + ", ".join(document.trust_criteria))
    return "; ".join(parts)


def _verdict(evidence) -> tuple[str, tuple]:
    document = evidence.document
    if document.kind == "bridge_letter":
        return "extends the report it names", ()
    check = getattr(evidence, "scope_check", None)
    if check is None:
        return "", ()
    if check.passed:
        why = " (a reviewer confirmed it applies)" if document.scope_justification else ""
        return f"covers this offering and is current{why}", ()
    return "cannot back an attested answer while these stand", check.flags


def attestation_overview(*, rows, traces: dict, offering_name: str) -> dict:
    """For the report: every recorded document with its scope, period and verdict, and one
    sentence on how much of what is marked attested rests on current, in-scope attestations."""
    documents, backed, flagged, undocumented = [], 0, 0, 0
    for row in rows:
        if row.hidden:
            continue
        recorded = [e for e in row.evidence if hasattr(e, "document")]
        for evidence in recorded:
            verdict, flags = _verdict(evidence)
            document = evidence.document
            documents.append(
                DocumentLine(
                    label=document.label,
                    subject=document.subject,
                    scope=_scope_words(document),
                    period=_period_words(document),
                    question=row.question.text,
                    verdict=verdict,
                    flags=flags,
                    confirmed=document.confirmed_at is not None,
                )
            )
        trace = traces.get(row.key, {})
        if row.answer is None or row.answer.evidence_level != "attested":
            continue
        if not trace.get("scored", True):
            continue  # a context question scores nothing, whatever backs it
        counted = trace.get("evidence_level")
        if counted != "attested":
            flagged += 1
        elif any(d.kind != "bridge_letter" for d in (e.document for e in recorded)):
            backed += 1
        else:
            undocumented += 1
    return {
        "documents": documents,
        "sentence": _attested_sentence(backed, flagged, undocumented, offering_name),
    }


def _attested_sentence(backed: int, flagged: int, undocumented: int, offering: str) -> str:
    total = backed + flagged + undocumented
    if not total:
        return ""

    def n(count: int, one: str, many: str) -> str:
        return f"{count} {one if count == 1 else many}"

    parts = []
    if backed:
        what = (
            "a current attestation that covers"
            if backed == 1
            else "current attestations that cover"
        )
        parts.append(f"{n(backed, 'rests', 'rest')} on {what} {offering}")
    if flagged:
        whose = "its" if flagged == 1 else "their"
        parts.append(
            f"{n(flagged, 'counts', 'count')} only as documented because {whose} attestation "
            "covers another product or an old period"
        )
    if undocumented:
        parts.append(
            f"{n(undocumented, 'rests', 'rest')} on the reviewer's word alone: no document is "
            "recorded for " + ("it" if undocumented == 1 else "them")
        )
    # Three parts each with commas of their own read better apart.
    joiner = (" and ", " and ") if len(parts) < 3 else ("; ", "; and ")
    listed = joiner[0].join(parts[:-1]) + joiner[1] + parts[-1] if len(parts) > 1 else parts[0]
    return f"Of the {n(total, 'answer', 'answers')} marked attested, {listed}."
