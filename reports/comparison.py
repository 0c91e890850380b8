"""Context of the comparison report: 2 to 6 assessments of one questionnaire version."""

import hashlib

from django.utils import timezone

from assessments.charts import RECOMMENDATION_LABELS, domain_bars_svg
from assessments.impact_chart import HORIZON_LABELS, QUALITY_LABELS, impact_grid_svg
from assessments.models import Answer, Assessment, Condition
from assessments.questionnaire.structure import questionnaire_structure_by_id
from assessments.scoring_adapter import evidenced_inputs, scored_domains
from core.bidi import isolate_text
from reports.brief import LEVEL_WORDS
from reports.context import SHORT_ID
from scoring import (
    EVIDENCE_LEVELS,
    HORIZONS,
    SEVERITIES,
    ImpactMatrix,
    canonical_json,
    compare_matrices,
    impact_matrix,
    score,
)

COMPARISON_MIN, COMPARISON_MAX = 2, 6


def comparison_context(
    *, assessments: list[Assessment], report_id: str = "preview", for_pdf: bool = False
) -> dict:
    structure = questionnaire_structure_by_id(assessments[0].questionnaire_id)
    rows: dict = {a.pk: [] for a in assessments}
    for answer in Answer.objects.filter(assessment__in=assessments):
        rows[answer.assessment_id].append(answer)
    conditioned: dict = {a.pk: set() for a in assessments}
    for assessment_id, keys in Condition.objects.filter(assessment__in=assessments).values_list(
        "assessment_id", "finding_keys"
    ):
        conditioned[assessment_id].update(keys or ())
    columns, matrices = [], []
    for assessment in assessments:
        inputs = evidenced_inputs(structure, rows[assessment.pk], assessment_pk=assessment.pk)
        scorecard = score(structure.rubric, inputs)
        card = scorecard.to_dict()
        matrices.append(impact_matrix(scorecard.findings, conditioned[assessment.pk]))
        open_by_severity = {s: 0 for s in SEVERITIES}
        for finding in card["findings"]:
            if not finding["accepted"]:
                open_by_severity[finding["severity"]] += 1
        columns.append(
            {
                "assessment": assessment,
                "card": card,
                "recommendation_label": RECOMMENDATION_LABELS[card["recommendation"]],
                "chart": domain_bars_svg(card["domains"]),
                "open_by_severity": [open_by_severity[s] for s in SEVERITIES],
                "mix": {e["level"]: e for e in card["evidence_mix"]},
                "impact_grid": impact_grid_svg(matrices[-1].to_dict(), linked=False)
                if structure.has_impacts
                else None,
            }
        )
    domain_rows = [
        {
            "title": domain.title,
            "cells": [
                next(d for d in c["card"]["domains"] if d["key"] == domain.key) for c in columns
            ],
        }
        for domain in structure.domains
        if domain.key in {d["key"] for d in scored_domains(columns[0]["card"]["domains"])}
    ]
    digest = hashlib.sha256(canonical_json([c["card"] for c in columns])).hexdigest()
    return {
        "report_id": report_id,
        "for_pdf": for_pdf,
        "generated_at": timezone.now(),
        "questionnaire": assessments[0].questionnaire,
        "columns": columns,
        "domain_rows": domain_rows,
        "severities": SEVERITIES,
        "levels": EVIDENCE_LEVELS,
        "mix_rows": [
            {
                "level": level,
                "words": LEVEL_WORDS[level],
                "cells": [c["mix"][level] for c in columns],
            }
            for level in EVIDENCE_LEVELS
        ],
        "severity_rows": [
            {"severity": s, "cells": [c["open_by_severity"][i] for c in columns]}
            for i, s in enumerate(SEVERITIES)
        ],
        "scorecard_sha256": digest,
        "title": "Vendor comparison — "
        + " · ".join(isolate_text(a.offering.vendor.name) for a in assessments),
        "short_report_id": report_id[:SHORT_ID],
        "short_sha256": digest[:12],
        **(_impact_comparison(columns, matrices) if structure.has_impacts else {}),
    }


def _impact_comparison(columns: list[dict], matrices: list[ImpactMatrix]) -> dict:
    """The matrices side by side: one row per quality and horizon, a total per horizon, and a
    sentence per horizon naming who carries least and most there."""
    names = [isolate_text(c["assessment"].offering.vendor.name) for c in columns]
    compared = compare_matrices(matrices)
    totals = [
        {
            "horizon": horizon,
            "label": HORIZON_LABELS[horizon],
            "cells": [
                sum(row.cells[i].weight for row in compared if row.horizon == horizon)
                for i in range(len(matrices))
            ],
        }
        for horizon in HORIZONS
    ]
    return {
        "impact_rows": [
            {
                "quality_label": QUALITY_LABELS[row.quality],
                "horizon_label": HORIZON_LABELS[row.horizon],
                "cells": [cell.to_dict() for cell in row.cells],
            }
            for row in compared
        ],
        "impact_totals": totals,
        "impact_sentences": [impact_total_sentence(total, names) for total in totals],
    }


def impact_total_sentence(total: dict, names: list[str]) -> str:
    """Who weighs least and most at one horizon ("At go-live, A carries the least (4), B the most
    (34)."), or that they are level."""
    weights = total["cells"]
    low, high = min(weights), max(weights)
    when = total["label"]
    if low == high:
        return f"{when}, the candidates carry the same weight of open findings ({low})."
    least = " and ".join(n for n, w in zip(names, weights, strict=True) if w == low)
    most = " and ".join(n for n, w in zip(names, weights, strict=True) if w == high)
    return (
        f"{when}, {least} carries the least weight of open findings ({low}); "
        f"{most} the most ({high})."
    )
