"""Context of the comparison report: 2 to 6 assessments of one questionnaire version."""

import hashlib

from django.utils import timezone

from assessments.charts import RECOMMENDATION_LABELS, domain_bars_svg
from assessments.models import Answer, Assessment
from assessments.questionnaire.structure import questionnaire_structure_by_id
from assessments.scoring_adapter import answer_inputs, scored_domains
from core.bidi import isolate_text
from reports.brief import LEVEL_WORDS
from reports.context import SHORT_ID
from scoring import EVIDENCE_LEVELS, SEVERITIES, canonical_json, score

COMPARISON_MIN, COMPARISON_MAX = 2, 6


def comparison_context(
    *, assessments: list[Assessment], report_id: str = "preview", for_pdf: bool = False
) -> dict:
    structure = questionnaire_structure_by_id(assessments[0].questionnaire_id)
    rows: dict = {a.pk: [] for a in assessments}
    for answer in Answer.objects.filter(assessment__in=assessments):
        rows[answer.assessment_id].append(answer)
    columns = []
    for assessment in assessments:
        card = score(structure.rubric, answer_inputs(structure, rows[assessment.pk])).to_dict()
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
    }
