from scoring import EVIDENCE_LEVELS, score
from tests.scoring.builders import answer, question, rubric


def test_evidence_mix_counts_and_shares_over_answered_applicable_questions():
    r = rubric(*(question(f"q{i}", allows_na=True) for i in range(6)))
    answers = [
        answer("q0", "good", "claim"),
        answer("q1", "poor", "claim"),
        answer("q2", "unknown", "documented"),
        answer("q3", "partial", "verified"),
        answer("q4", na=True, level="verified"),
    ]
    mix = {e.level: (e.count, e.share) for e in score(r, answers).evidence_mix}
    assert mix == {
        "claim": (2, 0.5),
        "documented": (1, 0.25),
        "attested": (0, 0.0),
        "verified": (1, 0.25),
    }


def test_evidence_mix_lists_every_level_weakest_first_even_with_no_answers():
    mix = score(rubric(question("q1")), []).evidence_mix
    assert tuple(e.level for e in mix) == EVIDENCE_LEVELS
    assert all(e.count == 0 and e.share == 0.0 for e in mix)


def test_evidence_mix_shares_round_to_two_decimals_in_the_snapshot():
    r = rubric(*(question(f"q{i}") for i in range(3)))
    answers = [answer("q0", "good", "claim"), answer("q1", "good"), answer("q2", "good")]
    shares = [e["share"] for e in score(r, answers).to_dict()["evidence_mix"]]
    assert shares == [0.33, 0.0, 0.0, 0.67]
