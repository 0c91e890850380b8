"""The shipped questionnaire must load into the engine and score sensibly.

Skips cleanly while the file does not exist yet.
"""

from pathlib import Path

import pytest

from scoring import AnswerInput, Rubric, canonical_json, score

QUESTIONNAIRE = (
    Path(__file__).resolve().parents[2] / "assessments" / "questionnaires" / "sbd-v1.yaml"
)


@pytest.fixture(scope="module")
def real_rubric() -> Rubric:
    if not QUESTIONNAIRE.exists():
        pytest.skip(f"{QUESTIONNAIRE.name} is not there yet")
    yaml = pytest.importorskip("yaml")
    return Rubric.from_dict(yaml.safe_load(QUESTIONNAIRE.read_text(encoding="utf-8")))


def _answers(rubric: Rubric, pick, level: str) -> list[AnswerInput]:
    return [AnswerInput(q.key, pick(q).key, evidence_level=level) for q in rubric.questions]


def _best(q):
    return max(q.options, key=lambda o: (o.score, o.finding is None))


def _worst(q):
    return min(q.options, key=lambda o: o.score)


def test_real_questionnaire_has_nine_domains_and_round_trips(real_rubric):
    assert len(real_rubric.domains) == 9
    assert Rubric.from_dict(real_rubric.to_dict()) == real_rubric


def test_real_questionnaire_best_answers_verified_score_top(real_rubric):
    card = score(real_rubric, _answers(real_rubric, _best, "verified"))
    assert 0 <= card.evidenced <= card.claimed <= 100
    if all(_best(q).score == 100 and _best(q).finding is None for q in real_rubric.questions):
        assert card.to_dict()["evidenced"] == 100.0
        assert (card.grade, card.recommendation) == ("A", "recommended")


def test_real_questionnaire_worst_answers_score_e(real_rubric):
    card = score(real_rubric, _answers(real_rubric, _worst, "claim"))
    assert card.grade == "E"


def test_real_questionnaire_snapshot_is_deterministic(real_rubric):
    answers = _answers(real_rubric, _best, "documented")
    first = canonical_json(score(real_rubric, answers).to_dict())
    assert first == canonical_json(score(real_rubric, list(reversed(answers))).to_dict())


def test_every_real_question_has_one_unknown_option(real_rubric):
    for q in real_rubric.questions:
        assert sum(o.unknown for o in q.options) == 1, q.key
