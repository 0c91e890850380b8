from scoring import score
from tests.scoring.builders import answer, question, rubric


def test_override_replaces_the_option_score():
    card = score(rubric(question("q1")), [answer("q1", "poor", override_score=80)])
    trace = card.trace[0]
    assert (trace.raw_score, trace.override_score, trace.effective_score) == (0, 80.0, 80.0)
    assert card.claimed == 80.0


def test_override_is_still_discounted_by_the_evidence_level():
    card = score(rubric(question("q1")), [answer("q1", "good", "claim", override_score=50)])
    assert card.claimed == 50.0
    assert card.evidenced == 20.0


def test_override_can_lower_a_score():
    card = score(rubric(question("q1")), [answer("q1", "good", override_score=0)])
    assert card.claimed == 0.0


def test_override_out_of_range_is_clamped_to_0_100():
    high = score(rubric(question("q1")), [answer("q1", "poor", override_score=250)])
    low = score(rubric(question("q1")), [answer("q1", "good", override_score=-5)])
    assert (high.claimed, low.claimed) == (100.0, 0.0)


def test_override_on_an_unanswered_question_is_ignored():
    card = score(rubric(question("q1")), [answer("q1", None, override_score=90)])
    assert card.trace[0].status == "unanswered"
    assert card.trace[0].override_score is None
    assert card.claimed == 0.0


def test_override_that_is_not_a_number_is_ignored():
    card = score(rubric(question("q1")), [answer("q1", "partial", override_score=float("nan"))])
    assert card.claimed == 50.0
