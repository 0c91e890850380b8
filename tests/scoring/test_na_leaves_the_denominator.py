from scoring import score
from tests.scoring.builders import answer, question, rubric


def test_na_on_a_question_that_allows_it_leaves_the_denominator():
    r = rubric(question("q1", allows_na=True), question("q2"))
    card = score(r, [answer("q1", na=True), answer("q2", "good")])
    # Only q2 counts: 100 / 1, not (0 + 100) / 2.
    assert card.domain("d1").claimed == 100.0
    assert card.domain("d1").applicable == 1
    assert card.coverage.applicable == 1
    assert card.trace[0].status == "na"


def test_na_question_is_neither_missing_nor_counted_as_answered():
    r = rubric(question("q1", allows_na=True), question("q2"))
    card = score(r, [answer("q1", na=True), answer("q2", "good")])
    assert card.coverage.missing_required == ()
    assert card.coverage.answered == 1


def test_na_where_not_allowed_counts_as_unanswered():
    r = rubric(question("q1"), question("q2"))
    card = score(r, [answer("q1", na=True), answer("q2", "good")])
    # q1 stays in the denominator with 0 points: (0 + 100) / 2.
    assert card.domain("d1").claimed == 50.0
    assert card.trace[0].status == "unanswered"
    assert card.coverage.missing_required == ("q1",)


def test_na_wins_over_an_option_sent_alongside_it():
    r = rubric(question("q1", allows_na=True), question("q2"))
    card = score(r, [answer("q1", "poor", na=True), answer("q2", "good")])
    assert card.domain("d1").claimed == 100.0


def test_domain_with_only_na_answers_has_no_score_and_leaves_the_overall():
    r = rubric(question("q1"), question("q2", "d2", allows_na=True))
    card = score(r, [answer("q1", "partial"), answer("q2", na=True)])
    assert card.domain("d2").claimed is None
    assert card.domain("d2").evidenced is None
    assert card.domain("d2").gap is None
    assert card.claimed == 50.0
