from scoring import Option, score
from tests.scoring.builders import GOOD, UNKNOWN, answer, flagged, question, rubric

YES_NO = (Option("yes", "Yes", 100), Option("no", "No", 20), UNKNOWN)
FOLLOW_UP_OPTIONS = (GOOD, flagged("bad", 0, "critical"), UNKNOWN)


def _rubric():
    return rubric(
        question("q1", options=YES_NO, allows_na=True),
        question("q2", options=FOLLOW_UP_OPTIONS, show_if=("q1", ("no",))),
        question("q3", show_if=("q2", ("good", "bad"))),
    )


def test_follow_up_is_hidden_when_the_controller_has_another_option():
    card = score(_rubric(), [answer("q1", "yes"), answer("q2", "bad"), answer("q3", "poor")])
    statuses = [t.status for t in card.trace]
    assert statuses == ["answered", "hidden", "hidden"]
    # Hidden answers are ignored entirely: no points, no finding, not in coverage.
    assert card.domain("d1").claimed == 100.0
    assert card.findings == ()
    assert card.coverage.applicable == 1
    assert card.grade == "A"


def test_follow_up_is_shown_and_counted_when_the_controller_matches():
    card = score(_rubric(), [answer("q1", "no"), answer("q2", "good"), answer("q3", "poor")])
    assert [t.status for t in card.trace] == ["answered", "answered", "answered"]
    # (20 + 100 + 0) / 3
    assert abs(card.domain("d1").claimed - 40.0) < 1e-9


def test_hidden_follow_up_is_not_missing_even_when_required():
    card = score(_rubric(), [answer("q1", "yes")])
    assert card.coverage.missing_required == ()


def test_shown_follow_up_left_unanswered_is_missing():
    card = score(_rubric(), [answer("q1", "no")])
    assert card.coverage.missing_required == ("q2",)


def test_follow_up_is_hidden_when_the_controller_is_unanswered_or_na():
    for answers in ([], [answer("q1", na=True)], [answer("q1", "no_such_option")]):
        card = score(_rubric(), [*answers, answer("q2", "good")])
        assert card.trace[1].status == "hidden"


def test_follow_up_of_a_hidden_question_is_hidden_too():
    card = score(_rubric(), [answer("q1", "yes"), answer("q2", "good"), answer("q3", "good")])
    assert card.trace[2].status == "hidden"


def test_finding_on_a_shown_follow_up_is_reported():
    card = score(_rubric(), [answer("q1", "no"), answer("q2", "bad")])
    assert [f.question for f in card.findings] == ["q2"]
    assert card.grade == "E"
