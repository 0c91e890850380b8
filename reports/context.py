"""The one context builder behind both the browser preview and the PDF of a report."""

import hashlib
from dataclasses import dataclass, field

from django.utils import timezone

from assessments.answers import SheetRow, answer_sheet
from assessments.attestation import attestation_overview
from assessments.audit_words import events_in_words
from assessments.charts import (
    RECOMMENDATION_LABELS,
    domain_bars_svg,
    evidence_mix_svg,
    findings_by_domain_svg,
)
from assessments.impact import assessment_impact_matrix
from assessments.impact_chart import impact_cell_lists, impact_grid_svg, long_term_sentences
from assessments.models import Assessment, EvidenceLevel
from assessments.review import decided_departure_sentence
from assessments.scoring_adapter import scored_domains
from reports.brief import (
    audit_summary_sentences,
    brief_conditions,
    brief_findings,
    evidence_basis,
    finding_status,
    gap_sentence,
    name_size,
)
from scoring import canonical_json

LEVEL_LABELS = {
    "claim": "Claim",
    "documented": "Documented",
    "attested": "Independently attested",
    "verified": "Verified by us",
}
SHORT_ID = 8
# Findings listed per cell of the impact matrix; all of them are under Findings.
IMPACT_CELL_FINDINGS = 5


@dataclass
class AppendixRow:
    key: str
    text: str
    answer_label: str
    explanation: str
    vendor_explanation: str
    evidence_level: str
    valid_until: object
    override_score: float | None
    override_justification: str
    raw_score: int | None
    evidence: list = field(default_factory=list)
    carried_over: bool = False
    criteria: str = ""
    """The external criteria the question helps to check ("PW.4.1 (NIST SSDF), A.8.27 …")."""


def criteria_words(references, labels: dict[str, str]) -> str:
    """(scheme, id) pairs in words, grouped by scheme in the order they come."""
    by_scheme: dict[str, list[str]] = {}
    for scheme, ident in references:
        by_scheme.setdefault(scheme, []).append(ident)
    return "; ".join(
        f"{labels.get(scheme, scheme)} {', '.join(ids)}" for scheme, ids in by_scheme.items()
    )


def _appendix_row(row: SheetRow, trace: dict, labels: dict[str, str]) -> AppendixRow:
    answer = row.answer
    return AppendixRow(
        key=row.key,
        text=row.question.text,
        answer_label=row.answer_label or "Not answered",
        explanation=answer.explanation if answer else "",
        vendor_explanation=answer.vendor_explanation if answer else "",
        evidence_level=LEVEL_LABELS.get(answer.evidence_level, "") if answer else "",
        valid_until=answer.evidence_valid_until if answer else None,
        override_score=answer.override_score if answer else None,
        override_justification=answer.override_justification if answer else "",
        raw_score=trace["raw_score"],
        evidence=list(row.evidence),
        carried_over=bool(answer and answer.carried_over),
        criteria=criteria_words(row.question.references, labels),
    )


def report_context(
    *, assessment: Assessment, report_id: str = "preview", for_pdf: bool = False
) -> dict:
    sheet = answer_sheet(assessment=assessment)
    card = sheet.scorecard.to_dict()
    scorecard_sha256 = hashlib.sha256(canonical_json(card)).hexdigest()
    conditions = list(assessment.conditions.all())
    comments = list(assessment.comments.select_related("author"))
    events = list(assessment.audit_events.all())
    traces = {row["key"]: row for row in card["trace"]}
    labels = {s["key"]: s["label"] for s in assessment.questionnaire.reference_schemes}
    appendix = [
        {
            "title": part.domain.title,
            "rows": [
                _appendix_row(row, traces[row.key], labels) for row in part.rows if not row.hidden
            ],
        }
        for part in sheet.domains
    ]
    conditions_by_finding: dict[str, list] = {}
    for condition in conditions:
        for key in condition.finding_keys:
            conditions_by_finding.setdefault(key, []).append(condition)
    findings = [
        dict(f, conditions=conditions_by_finding.get(f["question"], [])) for f in card["findings"]
    ]
    for finding in findings:
        finding["status"] = finding_status(finding)
        finding["level_label"] = LEVEL_LABELS.get(finding["evidence_level"], "not answered")
    domain_titles = {d["key"]: d["title"] for d in card["domains"]}
    overrides = [r for d in appendix for r in d["rows"] if r.override_score is not None]
    matrix = (
        assessment_impact_matrix(
            assessment=assessment, scorecard=sheet.scorecard, conditions=conditions
        )
        if sheet.structure.has_impacts
        else None
    )
    question_text = {row.key: row.question.text for row in sheet.rows}
    return {
        "report_id": report_id,
        "for_pdf": for_pdf,
        "generated_at": timezone.now(),
        "assessment": assessment,
        "vendor": assessment.offering.vendor,
        "offering": assessment.offering,
        "questionnaire": assessment.questionnaire,
        "card": card,
        "scorecard_sha256": scorecard_sha256,
        "recommendation_label": RECOMMENDATION_LABELS[card["recommendation"]],
        "short_report_id": report_id[:SHORT_ID],
        "short_sha256": scorecard_sha256[:12],
        "name_size": name_size(assessment.offering.vendor.name, assessment.offering.name),
        "chart": domain_bars_svg(card["domains"]),
        "findings_chart": findings_by_domain_svg(scored_domains(card["domains"]), findings),
        "mix_chart": evidence_mix_svg(card["evidence_mix"]),
        # The PDF lists each cell's findings beside the grid; the preview links cells to them.
        "impact_grid": impact_grid_svg(matrix, linked=not for_pdf) if matrix else None,
        "impact_cells": impact_cell_lists(matrix, limit=IMPACT_CELL_FINDINGS) if matrix else [],
        "long_term_sentences": long_term_sentences(matrix) if matrix else [],
        "score_domains": scored_domains(card["domains"]),
        "findings": findings,
        "brief_findings": brief_findings(findings, domain_titles),
        "brief_conditions": brief_conditions(conditions),
        "gap_sentence": gap_sentence(claimed=card["claimed"], evidenced=card["evidenced"]),
        "evidence_basis": evidence_basis(card["evidence_mix"]),
        "attestation": attestation_overview(
            rows=sheet.rows, traces=traces, offering_name=assessment.offering.name
        ),
        "evidence_total": sum(e["count"] for e in card["evidence_mix"]),
        "open_findings": sum(1 for f in findings if not f["accepted"]),
        "conditions": conditions,
        "overrides": overrides,
        "comments": [(c, question_text.get(c.question_key, "General")) for c in comments],
        "appendix": appendix,
        "audit_sentences": audit_summary_sentences(events),
        "audit_recent": events_in_words(events[-15:], sheet.structure),
        "departure_sentence": decided_departure_sentence(assessment),
        "audit_total": len(events),
        "level_labels": LEVEL_LABELS,
        "levels": EvidenceLevel,
    }
