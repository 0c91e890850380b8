"""Questionnaire v2's promises, checked on the shipped file itself with controlling questions
included: a better option or stronger evidence never lowers a score, "unknown" never scores or
grades better than a known answer, and on every path the deployment context opens, the best answer
set grades A and the worst E. Also the two answer sets that showed v1's flaws."""

import dataclasses
import itertools
from functools import cache
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring import EVIDENCE_LEVELS, GRADES, AnswerInput, Rubric, hidden_questions, score

V2 = Path(__file__).resolve().parents[2] / "assessments" / "questionnaires" / "sbd-v2.yaml"
CONTEXT = {
    "product.deployment": ["saas", "hybrid", "self_hosted", "appliance", "agent"],
    "product.criticality": ["business_critical", "important", "supporting"],
    "product.credentials_role": ["authority", "own_use", "none"],
    "product.data_leaves": ["none", "metadata", "content"],
}


@cache
def rubric() -> Rubric:
    return Rubric.from_dict(yaml.safe_load(V2.read_text()))


def _known(question):
    return [o for o in question.options if not o.unknown]


def _answer_set(context: dict, pick, level: str, overrides: dict | None = None):
    """Answers to every question the context and the earlier answers show."""
    r = rubric()
    chosen = dict(context)
    answers = [AnswerInput(k, v) for k, v in context.items()]
    for question in r.questions:
        if question.key in chosen or question.key in hidden_questions(r, chosen):
            continue
        option = (overrides or {}).get(question.key) or pick(question).key
        chosen[question.key] = option
        answers.append(AnswerInput(question.key, option, evidence_level=level))
    return answers


def _best(question):
    return max(_known(question), key=lambda o: o.score)


def _worst(question):
    return min(_known(question), key=lambda o: o.score)


PATHS = [dict(zip(CONTEXT, values, strict=True)) for values in itertools.product(*CONTEXT.values())]


@pytest.mark.parametrize("context", PATHS, ids=lambda c: "-".join(c.values()))
def test_on_every_path_the_best_answers_grade_a_and_the_worst_e(context):
    assert score(rubric(), _answer_set(context, _best, "verified")).grade == "A"
    assert score(rubric(), _answer_set(context, _worst, "claim")).grade == "E"


AGENT = {
    "product.deployment": "agent",
    "product.criticality": "business_critical",
    "product.credentials_role": "authority",
    "product.data_leaves": "content",
}
PIVOTAL = (
    "control_plane.enforcement_location",
    "control_plane.blast_radius",
    "update_channel.runtime_push",
    "update_channel.signing",
    "key_isolation.key_location",
)


def test_five_unknowns_raise_findings_and_cannot_out_grade_the_honest_answer():
    unknowns = score(
        rubric(), _answer_set(AGENT, _best, "verified", dict.fromkeys(PIVOTAL, "unknown"))
    )
    honest = score(
        rubric(),
        _answer_set(AGENT, _best, "verified", {"key_isolation.key_location": "frontend_memory"}),
    )
    raised = {f.question: f.severity for f in unknowns.findings if f.cause == "unknown"}
    assert set(raised) == set(PIVOTAL)
    assert all(severity in ("critical", "high") for severity in raised.values())
    assert GRADES.index(unknowns.grade) >= GRADES.index(honest.grade)
    assert unknowns.evidenced < honest.evidenced


def test_a_saas_identity_provider_meets_no_on_premises_update_question():
    saas_idp = {**AGENT, "product.deployment": "saas"}
    card = score(rubric(), _answer_set(saas_idp, _best, "verified"))
    shown = [t.key for t in card.trace if t.status != "hidden"]
    assert not [key for key in shown if key.startswith("update_channel.")]
    assert "control_plane.enforcement_location" not in shown
    assert card.grade == "A"


@st.composite
def answer_sheets(draw):
    """A context, then a random answer (or none) to every question."""
    context = {key: draw(st.sampled_from(values)) for key, values in CONTEXT.items()}
    answers = [AnswerInput(k, v) for k, v in context.items()]
    for question in rubric().questions:
        if question.key in context or draw(st.integers(0, 5)) == 0:
            continue
        option = draw(st.sampled_from(question.options))
        answers.append(
            AnswerInput(
                question.key, option.key, evidence_level=draw(st.sampled_from(EVIDENCE_LEVELS))
            )
        )
    return answers


def _replace(answers, new):
    return [a for a in answers if a.question != new.question] + [new]


def _no_score_went_down(worse, better, *, claimed=True):
    assert better.evidenced >= worse.evidenced - 1e-9
    if claimed:
        assert better.claimed >= worse.claimed - 1e-9
    for lo, hi in zip(worse.domains, better.domains, strict=True):
        if lo.evidenced is not None and hi.evidenced is not None:
            assert hi.evidenced >= lo.evidenced - 1e-9


@settings(deadline=None, max_examples=400)
@given(answer_sheets(), st.data())
def test_a_better_option_never_lowers_a_score_on_the_shipped_file(answers, data):
    question = data.draw(st.sampled_from([q for q in rubric().questions if q.scored]))
    lower, higher = sorted(
        data.draw(st.lists(st.sampled_from(question.options), min_size=2, max_size=2)),
        key=lambda o: (o.score, not o.unknown),
    )
    level = data.draw(st.sampled_from(EVIDENCE_LEVELS))
    worse = AnswerInput(question.key, lower.key, evidence_level=level)
    _no_score_went_down(
        score(rubric(), _replace(answers, worse)),
        score(rubric(), _replace(answers, dataclasses.replace(worse, option=higher.key))),
    )


@settings(deadline=None, max_examples=200)
@given(answer_sheets(), st.data())
def test_stronger_evidence_never_lowers_a_score_on_the_shipped_file(answers, data):
    question = data.draw(st.sampled_from(rubric().questions))
    option = data.draw(st.sampled_from(question.options))
    lo, hi = sorted(
        data.draw(st.lists(st.sampled_from(EVIDENCE_LEVELS), min_size=2, max_size=2)),
        key=EVIDENCE_LEVELS.index,
    )
    weaker = AnswerInput(question.key, option.key, evidence_level=lo)
    _no_score_went_down(
        score(rubric(), _replace(answers, weaker)),
        score(rubric(), _replace(answers, dataclasses.replace(weaker, evidence_level=hi))),
        claimed=False,
    )


@settings(deadline=None, max_examples=200)
@given(answer_sheets(), st.data())
def test_unknown_never_scores_or_grades_better_than_a_known_answer_on_the_shipped_file(
    answers, data
):
    question = data.draw(st.sampled_from([q for q in rubric().questions if q.scored]))
    known = data.draw(st.sampled_from(_known(question)))
    unknown = AnswerInput(question.key, "unknown", evidence_level="claim")
    if_unknown = score(rubric(), _replace(answers, unknown))
    if_known = score(rubric(), _replace(answers, dataclasses.replace(unknown, option=known.key)))
    _no_score_went_down(if_unknown, if_known)
    assert GRADES.index(if_unknown.grade) >= GRADES.index(if_known.grade)
