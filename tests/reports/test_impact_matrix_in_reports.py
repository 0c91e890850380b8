"""The impact matrix where a board reads it: the decision brief's long-term sentences (page one
still holds the whole decision), the grid and its cells' findings on page two, the comparison's
matrices side by side (each candidate's own), and nothing of it for versions without impacts."""

import re

import pytest

from assessments.impact import assessment_impact_matrix
from assessments.impact_chart import HEAT_FILLS, impact_grid_svg, long_term_sentences
from assessments.lifecycle.services import assessment_submit
from assessments.review.services import review_start
from assessments.scoring_adapter import assessment_score
from reports.comparison import comparison_context, impact_total_sentence
from reports.context import criteria_words, report_context
from reports.rendering import report_html
from reports.services import report_request
from tests.reports.conftest import (
    answer_everything,
    assessment_of,
    decide_with_conditions,
    pdf_contains,
    report_pages,
)

pytestmark = pytest.mark.django_db


def _worst(questionnaire, procurement, architect, *, vendor=""):
    subject = assessment_of(questionnaire, procurement, vendor=vendor)
    answer_everything(subject, procurement)
    assessment_submit(actor=procurement, assessment_pk=subject.pk)
    review_start(actor=architect, assessment_pk=subject.pk)
    return subject


def test_the_brief_names_each_long_term_cost_and_page_two_draws_the_matrix(
    questionnaire_v3, procurement_user, architect_user
):
    subject = _worst(questionnaire_v3, procurement_user, architect_user)
    context = report_context(assessment=subject)
    sentences = context["long_term_sentences"]
    matrix = assessment_impact_matrix(
        assessment=subject, scorecard=assessment_score(assessment=subject).scorecard
    )
    open_long_term = [c for c in matrix["cells"] if c["horizon"] == "long_term" and c["open"]]
    assert len(sentences) == len(open_long_term) >= 3
    assert any(s.startswith("Long-term cost of ownership: ") for s in sentences)

    report, _ = report_request(actor=procurement_user, assessment=subject)
    pages = report_pages(report)
    one, two = pages[0], pages[1]
    assert "What it costs us over the years" in one
    for sentence in sentences:
        assert pdf_contains(one, sentence[:60]), sentence
    # Page one still ends with the evidence basis; the matrix opens page two.
    assert "What the evidence rests on" in one and "What the evidence rests on" not in two
    assert two.split(" ", 4)[-1].startswith("What the design choices cost us") or (
        "What the design choices cost us" in two
    )
    for label in (
        "Security",
        "Availability",
        "Performance",
        "Maintainability",
        "Cost of ownership",
    ):
        assert label in two
    # Beside the grid: each cell that holds findings, with its findings' titles, the first
    # cells on page two, the rest flowing on.
    assert "Security at go-live" in two
    first = next(c for c in matrix["cells"] if c["findings"])
    assert pdf_contains(two, first["findings"][0]["title"])
    following = " ".join(pages[1:4])
    for cell in open_long_term:
        label = {"cost": "Cost of ownership"}.get(cell["quality"], cell["quality"].capitalize())
        assert f"{label} over the years" in following, label


def test_accepted_and_conditioned_findings_weigh_nothing_and_are_counted_apart(
    questionnaire_v3, procurement_user, architect_user
):
    subject = decide_with_conditions(
        assessment_of(questionnaire_v3, procurement_user),
        procurement=procurement_user,
        architect=architect_user,
    )
    context = report_context(assessment=subject)
    conditioned = {key for c in subject.conditions.all() for key in c.finding_keys}
    assert conditioned
    seen = set()
    for cell in context["impact_cells"]:
        for finding in cell["findings"]:
            if finding["question"] in conditioned:
                seen.add(finding["question"])
                assert finding["status"] == "conditioned"
                assert "conditioned" in cell["apart"]
            assert cell["weight"] == sum(
                {"critical": 8, "high": 4, "medium": 2, "low": 1}[f["severity"]]
                for f in cell["findings"]
                if f["status"] == "open"
            )
    assert seen == conditioned


def test_the_grid_writes_every_number_links_cells_only_in_the_browser_and_prints_in_grey():
    cells = [
        {
            "quality": q,
            "horizon": h,
            "weight": w,
            "heat": min(4, w // 10),
            "open": 1 if w else 0,
            "conditioned": 0,
            "accepted": 0,
            "findings": [{"status": "open"}] if w else [],
        }
        for (q, h), w in zip(
            [
                (q, h)
                for q in ("security", "availability", "performance", "maintainability", "cost")
                for h in ("go_live", "long_term")
            ],
            [0, 12, 4, 0, 0, 0, 8, 31, 2, 44],
            strict=True,
        )
    ]
    linked = str(impact_grid_svg({"cells": cells}))
    flat_svg = str(impact_grid_svg({"cells": cells}, linked=False))
    for weight in (12, 4, 8, 31, 2, 44):
        assert f">{weight}</text>" in linked
    assert linked.count('<a href="#impact-') == 6 and "<a " not in flat_svg
    assert "<script" not in linked and "xlink:href" not in linked
    # Darker with each step, so the order survives a greyscale print.
    luminance = [
        0.299 * int(f[1:3], 16) + 0.587 * int(f[3:5], 16) + 0.114 * int(f[5:7], 16)
        for f in HEAT_FILLS
    ]
    assert luminance == sorted(luminance, reverse=True) and len(set(luminance)) == len(luminance)


def test_versions_without_impacts_show_no_matrix(questionnaire, procurement_user, architect_user):
    subject = _worst(questionnaire, procurement_user, architect_user)
    context = report_context(assessment=subject)
    assert context["impact_grid"] is None and context["long_term_sentences"] == []
    report, _ = report_request(actor=procurement_user, assessment=subject)
    html, _ = report_html(report, for_pdf=True)
    assert "What the design choices cost us" not in html


def test_a_comparison_shows_each_candidates_own_matrix_side_by_side(
    questionnaire_v3, procurement_user, architect_user
):
    weak = _worst(questionnaire_v3, procurement_user, architect_user, vendor="Weak Vendor")
    strong = assessment_of(questionnaire_v3, procurement_user, vendor="Strong Vendor")
    answer_everything(strong, procurement_user, pick="best")
    context = comparison_context(assessments=[weak, strong])
    own = [
        assessment_impact_matrix(assessment=a, scorecard=assessment_score(assessment=a).scorecard)
        for a in (weak, strong)
    ]
    for row in context["impact_rows"]:
        for column, cell in enumerate(row["cells"]):
            mine = next(
                c
                for c in own[column]["cells"]
                if (c["quality"], c["horizon"]) == (cell["quality"], cell["horizon"])
            )
            assert cell == mine
    go_live, long_term = context["impact_sentences"]
    assert re.search(
        r"At go-live, .*Strong Vendor.* carries the least weight of open findings \(0\)", go_live
    )
    assert "Weak Vendor" in long_term and "the most" in long_term


def test_the_total_sentence_says_who_is_cheaper_to_go_live_and_who_costs_more_later():
    go_live = {"label": "At go-live", "cells": [4, 30]}
    later = {"label": "Over the years", "cells": [60, 12]}
    names = ["Facade Co", "Native Inc"]
    assert impact_total_sentence(go_live, names) == (
        "At go-live, Facade Co carries the least weight of open findings (4); "
        "Native Inc the most (30)."
    )
    assert impact_total_sentence(later, names) == (
        "Over the years, Native Inc carries the least weight of open findings (12); "
        "Facade Co the most (60)."
    )
    assert impact_total_sentence({"label": "At go-live", "cells": [5, 5]}, names) == (
        "At go-live, the candidates carry the same weight of open findings (5)."
    )


def test_long_term_sentences_take_the_reason_of_the_most_severe_open_finding():
    matrix = {
        "cells": [
            {
                "quality": "cost",
                "horizon": "long_term",
                "open": 2,
                "findings": [
                    {"status": "open", "severity": "high", "reason": "we pay twice."},
                    {"status": "open", "severity": "low", "reason": "minor."},
                ],
            },
            {"quality": "security", "horizon": "long_term", "open": 0, "findings": []},
            {"quality": "security", "horizon": "go_live", "open": 1, "findings": []},
        ]
    }
    assert long_term_sentences(matrix) == [
        "Long-term cost of ownership: we pay twice (1 more open finding here)."
    ]


def test_the_appendix_names_the_criteria_each_question_helps_to_check(
    questionnaire_v3, procurement_user, architect_user
):
    subject = _worst(questionnaire_v3, procurement_user, architect_user)
    rows = {r.key: r for d in report_context(assessment=subject)["appendix"] for r in d["rows"]}
    facade = rows["integration.facade_pattern"]
    assert "ISO/IEC 27001:2022 A.8.27" in facade.criteria
    assert "NIST SSDF PW.1.1" in facade.criteria
    report, _ = report_request(actor=procurement_user, assessment=subject)
    text = " ".join(report_pages(report))
    assert pdf_contains(text, f"Helps to check: {facade.criteria}")


def test_criteria_words_group_ids_by_scheme_in_the_order_given():
    labels = {"nist_ssdf": "NIST SSDF", "iso27001_2022": "ISO/IEC 27001:2022"}
    references = [("nist_ssdf", "PW.4.1"), ("iso27001_2022", "A.8.28"), ("nist_ssdf", "PW.4.4")]
    assert criteria_words(references, labels) == (
        "NIST SSDF PW.4.1, PW.4.4; ISO/IEC 27001:2022 A.8.28"
    )
    assert criteria_words([], labels) == ""
