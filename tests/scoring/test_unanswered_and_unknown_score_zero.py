from scoring import score
from tests.scoring.builders import answer, question, rubric


def test_unanswered_and_unknown_questions_score_zero_but_stay_in_the_denominator():
    r = rubric(question("q1"), question("q2"), question("q3"))
    card = score(r, [answer("q1", "good"), answer("q2", "unknown")])
    assert abs(card.domain("d1").claimed - 100 / 3) < 1e-9
    assert card.to_dict()["domains"][0]["claimed"] == 33.33


def test_unanswered_question_has_no_evidence_level():
    r = rubric(question("q1"))
    trace = score(r, []).trace[0]
    assert trace.status == "unanswered"
    assert trace.evidence_level is None
    assert trace.factor is None
    assert trace.raw_score == 0
    assert trace.effective_score == 0.0


def test_an_option_key_the_question_lacks_is_treated_as_unanswered():
    r = rubric(question("q1"), question("q2"))
    card = score(r, [answer("q1", "no_such_option"), answer("q2", "good")])
    assert card.trace[0].status == "unanswered"
    assert card.coverage.missing_required == ("q1",)
    assert card.domain("d1").claimed == 50.0


def test_answers_to_questions_the_rubric_lacks_are_ignored():
    r = rubric(question("q1"))
    card = score(r, [answer("q1", "good"), answer("not_in_rubric", "good")])
    assert [t.key for t in card.trace] == ["q1"]
    assert card.claimed == 100.0


def test_an_evidence_level_the_policy_lacks_counts_as_a_claim():
    r = rubric(question("q1"))
    card = score(r, [answer("q1", "good", level="pinky_promise")])
    assert card.trace[0].evidence_level == "claim"
    assert card.evidenced == 40.0


def test_no_answers_at_all_scores_zero_and_grades_e():
    card = score(rubric(question("q1"), question("q2", "d2")), [])
    assert (card.claimed, card.evidenced, card.grade) == (0.0, 0.0, "E")
    assert card.recommendation == "not_recommended"
