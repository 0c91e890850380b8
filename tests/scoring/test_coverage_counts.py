from scoring import score
from tests.scoring.builders import answer, question, rubric


def _rubric():
    return rubric(
        question("q1"),
        question("q2"),
        question("q3", allows_na=True),
        question("q4", "d2"),
        question("q5", "d2", required=False),
        question("q6", "d2"),
    )


def test_coverage_counts_applicable_answered_unknowns_and_missing_required():
    answers = [
        answer("q1", "good"),
        answer("q2", "unknown"),
        answer("q3", na=True),
        answer("q6", "no_such_option"),
    ]
    coverage = score(_rubric(), answers).coverage
    assert coverage.applicable == 5
    assert coverage.answered == 2
    assert coverage.ratio == 0.4
    assert coverage.unknowns == ("q2",)
    # q5 is optional, so it is unanswered without being missing.
    assert coverage.missing_required == ("q4", "q6")


def test_coverage_per_domain():
    card = score(_rubric(), [answer("q1", "good"), answer("q2", "unknown"), answer("q4", "good")])
    d1, d2 = card.domain("d1"), card.domain("d2")
    assert (d1.applicable, d1.answered, d1.coverage) == (3, 2, 2 / 3)
    assert (d2.applicable, d2.answered, d2.coverage) == (3, 1, 1 / 3)


def test_unknowns_and_missing_are_listed_in_rubric_order_whatever_the_answer_order():
    r = rubric(*(question(f"q{i}") for i in range(5)))
    answers = [answer("q3", "unknown"), answer("q0", "unknown"), answer("q2", "unknown")]
    coverage = score(r, answers).coverage
    assert coverage.unknowns == ("q0", "q2", "q3")
    assert coverage.missing_required == ("q1", "q4")


def test_full_coverage_when_everything_is_answered():
    r = rubric(question("q1"), question("q2"))
    coverage = score(r, [answer("q1", "poor"), answer("q2", "unknown")]).coverage
    assert coverage.ratio == 1.0
