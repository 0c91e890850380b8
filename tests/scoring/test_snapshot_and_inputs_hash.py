import dataclasses
import json

from scoring import AnswerInput, canonical_json, inputs_sha256, score
from tests.scoring.builders import GOOD, UNKNOWN, answer, flagged, question, rubric


def _rubric():
    return rubric(
        question("q1", options=(GOOD, flagged("bad", 10, "high"), UNKNOWN)),
        question("q2", weight=2.5),
        question("q3", "d2", allows_na=True),
        domain_weights={"d2": 1.5},
    )


ANSWERS = [
    answer("q1", "bad", "claim"),
    answer("q2", "partial", "attested", override_score=33.333333),
    answer("q3", na=True),
]


def test_snapshot_is_byte_identical_for_the_same_inputs():
    first = canonical_json(score(_rubric(), ANSWERS).to_dict())
    second = canonical_json(score(_rubric(), list(reversed(ANSWERS))).to_dict())
    assert first == second


def test_snapshot_is_compact_sorted_utf8_json():
    snapshot = canonical_json(score(_rubric(), ANSWERS).to_dict())
    parsed = json.loads(snapshot)
    assert snapshot == json.dumps(parsed, sort_keys=True, separators=(",", ":")).encode()
    assert parsed["schema_version"] == 1


def test_every_float_in_the_snapshot_has_at_most_two_decimals():
    def floats(node):
        if isinstance(node, float):
            yield node
        elif isinstance(node, dict):
            for value in node.values():
                yield from floats(value)
        elif isinstance(node, list):
            for value in node:
                yield from floats(value)

    values = list(floats(score(_rubric(), ANSWERS).to_dict()))
    assert values
    assert all(round(v, 2) == v for v in values)


def test_canonical_json_keeps_non_ascii_text_and_folds_float_noise():
    assert canonical_json({"b": 0.1 + 0.2, "a": "Zürich"}) == '{"a":"Zürich","b":0.3}'.encode()
    assert canonical_json([-0.0]) == b"[0.0]"


def test_canonical_json_expands_objects_with_to_dict():
    card = score(_rubric(), ANSWERS)
    assert canonical_json(card) == canonical_json(card.to_dict())


def test_inputs_sha256_is_stable_and_ignores_answer_order():
    digest = inputs_sha256(_rubric(), ANSWERS)
    assert len(digest) == 64
    assert digest == inputs_sha256(_rubric(), list(reversed(ANSWERS)))
    assert digest == inputs_sha256(_rubric(), iter(ANSWERS))


def test_inputs_sha256_changes_when_an_answer_changes():
    digest = inputs_sha256(_rubric(), ANSWERS)
    for changed in (
        dataclasses.replace(ANSWERS[0], option="good"),
        dataclasses.replace(ANSWERS[0], evidence_level="verified"),
        dataclasses.replace(ANSWERS[0], finding_accepted=True),
        dataclasses.replace(ANSWERS[1], override_score=34.0),
        dataclasses.replace(ANSWERS[1], override_justification="Lab test showed it."),
    ):
        answers = [changed if a.question == changed.question else a for a in ANSWERS]
        assert inputs_sha256(_rubric(), answers) != digest


def test_inputs_sha256_changes_when_the_rubric_changes():
    digest = inputs_sha256(_rubric(), ANSWERS)
    heavier = rubric(*_rubric().questions, domain_weights={"d2": 2.0})
    assert inputs_sha256(heavier, ANSWERS) != digest


def test_inputs_sha256_sees_an_extra_answer():
    digest = inputs_sha256(_rubric(), ANSWERS)
    assert inputs_sha256(_rubric(), [*ANSWERS, AnswerInput("q9", "good")]) != digest
