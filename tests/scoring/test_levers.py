"""What would change the grade next: the evidence gaps that cost most, the caps, the next band."""

from scoring import Policy, score
from scoring.levers import grade_levers
from tests.scoring.builders import GOOD, UNKNOWN, answer, flagged, question, rubric


def _rubric():
    options = (GOOD, flagged("flagged", 90, "high", "high flag"), UNKNOWN)
    return rubric(question("f0", options=options), question("a"), question("b"), question("c"))


def test_gaps_are_the_points_verified_evidence_would_add_largest_first():
    card = score(
        _rubric(),
        [
            answer("f0", "good", "verified"),
            answer("a", "good", "claim"),  # 100 * (1 - 0.4) / 4 = 15 points short
            answer("b", "good", "documented"),  # 100 * (1 - 0.7) / 4 = 7.5
            answer("c", "good", "attested"),  # 100 * (1 - 0.9) / 4 = 2.5
        ],
    )
    levers = grade_levers(card, Policy.default(), top=2)
    assert [(g.question, g.evidence_level, g.points) for g in levers.gaps] == [
        ("a", "claim", 15.0),
        ("b", "documented", 7.5),
    ]
    # All gaps count in the total, not just the ones listed.
    assert levers.gap_total == 25.0 == round(card.claimed - card.evidenced, 2)


def test_next_band_is_the_one_above_the_uncapped_grade():
    card = score(
        _rubric(),
        [answer(k, "good", "documented") for k in ("f0", "a", "b", "c")],
    )
    levers = grade_levers(card, Policy.default())
    assert (card.evidenced, levers.uncapped_grade) == (70.0, "B")
    assert (levers.next_grade, levers.points_to_next) == ("A", 15.0)


def test_open_high_finding_is_listed_as_the_cap_and_an_a_has_no_next_band():
    card = score(_rubric(), [answer("f0", "flagged")] + [answer(k, "good") for k in "abc"])
    levers = grade_levers(card, Policy.default())
    assert (levers.grade, levers.uncapped_grade) == ("C", "A")
    assert [(c.question, c.severity, c.capped_to) for c in levers.caps] == [("f0", "high", "C")]
    assert (levers.next_grade, levers.points_to_next) == (None, None)
    assert levers.gaps == ()
