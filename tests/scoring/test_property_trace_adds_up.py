import math

from hypothesis import given, settings

from scoring import score
from tests.scoring.strategies import policies, rubric_with_answers


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


@settings(deadline=None)
@given(rubric_with_answers(policy=policies()))
def test_trace_contributions_always_sum_to_domain_and_overall_scores(case):
    rubric, answers = case
    card = score(rubric, answers)
    for domain in card.domains:
        rows = [t for t in card.trace if t.domain == domain.key]
        if domain.claimed is None:
            assert all(t.status in ("hidden", "na") for t in rows)
            continue
        assert _close(math.fsum(t.claimed_contribution for t in rows), domain.claimed)
        assert _close(math.fsum(t.evidenced_contribution for t in rows), domain.evidenced)
    assert _close(math.fsum(t.overall_claimed_contribution for t in card.trace), card.claimed)
    assert _close(math.fsum(t.overall_evidenced_contribution for t in card.trace), card.evidenced)
