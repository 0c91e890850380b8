"""The impact matrix (scoring/impact.py): properties over random rubrics and answers."""

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from scoring import (
    HORIZONS,
    QUALITIES,
    SEVERITIES,
    SEVERITY_WEIGHT,
    AnswerInput,
    compare_matrices,
    impact_matrix,
    score,
)
from tests.scoring.strategies import rubric_with_answers, rubrics


def _weights(matrix) -> dict:
    return {(c.quality, c.horizon): c.weight for c in matrix.cells}


def _expected_cells(finding) -> set:
    return {(i.quality, h) for i in finding.impacts for h in i.horizons}


@settings(deadline=None)
@given(rubric_with_answers())
def test_each_open_finding_weighs_in_exactly_the_cells_its_impacts_name(case):
    rubric, answers = case
    card = score(rubric, answers)
    matrix = impact_matrix(card.findings)
    expected = dict.fromkeys(((q, h) for q in QUALITIES for h in HORIZONS), 0)
    for finding in card.findings:
        if not finding.accepted:
            for cell in _expected_cells(finding):
                expected[cell] += SEVERITY_WEIGHT[finding.severity]
    assert _weights(matrix) == expected
    assert len(matrix.cells) == len(QUALITIES) * len(HORIZONS)


@settings(deadline=None)
@given(rubric_with_answers(), st.data())
def test_conditioning_a_finding_takes_it_out_of_the_weight_of_its_cells(case, data):
    rubric, answers = case
    card = score(rubric, answers)
    open_findings = [f for f in card.findings if not f.accepted and f.impacts]
    if not open_findings:
        return
    chosen = data.draw(st.sampled_from(open_findings))
    before, after = impact_matrix(card.findings), impact_matrix(card.findings, {chosen.question})
    for cell_before, cell_after in zip(before.cells, after.cells, strict=True):
        landed = (cell_before.quality, cell_before.horizon) in _expected_cells(chosen)
        lost = SEVERITY_WEIGHT[chosen.severity] if landed else 0
        assert cell_after.weight == cell_before.weight - lost
        # Still listed, apart: "conditioned: 1 long-term cost".
        assert len(cell_after.with_status("conditioned")) == len(
            cell_before.with_status("conditioned")
        ) + (1 if landed else 0)
        assert len(cell_after.findings) == len(cell_before.findings)


@settings(deadline=None)
@given(rubric_with_answers())
def test_accepting_a_finding_takes_it_out_of_the_weight_of_its_cells(case):
    rubric, answers = case
    card = score(rubric, answers)
    accepted_all = [dataclasses.replace(a, finding_accepted=True) for a in answers]
    accepted_card = score(rubric, accepted_all)
    matrix = impact_matrix(accepted_card.findings)
    # Every answer-borne finding is accepted now: only unanswered questions still weigh.
    unanswered = [f for f in accepted_card.findings if f.cause == "unanswered"]
    assert matrix.open_weight == impact_matrix(unanswered).open_weight
    for cell in matrix.cells:
        assert all(f.status in ("accepted", "open") for f in cell.findings)
    assert (
        impact_matrix(accepted_card.findings).open_weight
        <= impact_matrix(card.findings).open_weight
    )


@settings(deadline=None)
@given(rubric_with_answers(), st.data())
def test_a_more_severe_finding_never_lightens_a_cell(case, data):
    rubric, answers = case
    findings = list(score(rubric, answers).findings)
    if not findings:
        return
    i = data.draw(st.integers(0, len(findings) - 1))
    rank = SEVERITIES.index(findings[i].severity)
    harsher = data.draw(st.sampled_from(SEVERITIES[: rank + 1]))
    raised = [*findings[:i], dataclasses.replace(findings[i], severity=harsher), *findings[i + 1 :]]
    before, after = _weights(impact_matrix(findings)), _weights(impact_matrix(raised))
    assert all(after[cell] >= before[cell] for cell in before)


@settings(deadline=None)
@given(rubrics(clean_best=True))
def test_a_perfect_assessment_has_an_empty_matrix(rubric):
    answers = [
        AnswerInput(q.key, q.options[0].key, evidence_level="verified") for q in rubric.questions
    ]
    matrix = impact_matrix(score(rubric, answers).findings)
    assert matrix.is_empty and matrix.open_weight == 0
    assert all(cell.heat == 0 for cell in matrix.cells)


@settings(deadline=None)
@given(st.lists(rubric_with_answers(), min_size=2, max_size=3))
def test_a_comparison_shows_each_assessments_own_matrix(cases):
    matrices = [impact_matrix(score(rubric, answers).findings) for rubric, answers in cases]
    rows = compare_matrices(matrices)
    assert [(r.quality, r.horizon) for r in rows] == [(q, h) for q in QUALITIES for h in HORIZONS]
    for row in rows:
        assert list(row.cells) == [m.cell(row.quality, row.horizon) for m in matrices]
