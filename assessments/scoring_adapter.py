"""The thin bridge from the database to the pure scoring engine.

A fixed number of queries whatever the questionnaire's size: the questionnaire tree comes from the
per-process structure cache (three queries the first time, none after for published versions),
the answers from one query, and, when some answers are attested, their documents from one more
(an attested answer whose documents all fail the scope check is scored as documented).
"""

import hashlib
from dataclasses import dataclass

from assessments.attestation import backed_levels
from assessments.models import Answer, Assessment, ScorecardSnapshot
from assessments.questionnaire.structure import (
    Structure,
    questionnaire_structure_by_id,
)
from scoring import AnswerInput, Scorecard, canonical_json, inputs_sha256, score

SCORING_FIELDS = (
    "id",
    "question_id",
    "option_id",
    "is_na",
    "evidence_level",
    "override_score",
    "override_justification",
    "finding_accepted",
    "acceptance_justification",
)


@dataclass(frozen=True)
class ScoredAssessment:
    structure: Structure
    answers: tuple[AnswerInput, ...]
    scorecard: Scorecard

    @property
    def inputs_sha256(self) -> str:
        return inputs_sha256(self.structure.rubric, self.answers)

    def snapshot_json(self) -> bytes:
        return canonical_json(self.scorecard.to_dict())


def answer_inputs(
    structure: Structure, answers, levels: dict[int, str] | None = None
) -> tuple[AnswerInput, ...]:
    """`levels`: answer id → the level an attested answer is scored at after the scope check of
    its documents (assessments/evidence/attestation.py); absent, the level as set."""
    levels = levels or {}
    inputs = []
    for answer in answers:
        question = structure.by_id.get(answer.question_id)
        if question is None:
            continue
        option = question.option_by_id(answer.option_id)
        inputs.append(
            AnswerInput(
                question=question.key,
                option=option.key if option else None,
                na=answer.is_na,
                evidence_level=levels.get(answer.id, answer.evidence_level),
                override_score=answer.override_score,
                override_justification=answer.override_justification,
                finding_accepted=answer.finding_accepted,
                acceptance_justification=answer.acceptance_justification,
            )
        )
    return tuple(inputs)


def evidenced_inputs(structure: Structure, answers, *, assessment_pk) -> tuple[AnswerInput, ...]:
    """The engine's inputs with each attested answer at the level its documents back."""
    answers = list(answers)
    levels = backed_levels(assessment_pk=assessment_pk, answers=answers)
    return answer_inputs(structure, answers, levels)


def scored_domains(domains: list[dict]) -> list[dict]:
    """The domains a chart or a score table shows (scorecard dicts): all but those made only of
    context questions, which never have a score."""
    return [d for d in domains if d.get("scored", True)]


def assessment_score(*, assessment: Assessment) -> ScoredAssessment:
    structure = questionnaire_structure_by_id(assessment.questionnaire_id)
    rows = list(Answer.objects.filter(assessment=assessment).only(*SCORING_FIELDS))
    inputs = evidenced_inputs(structure, rows, assessment_pk=assessment.pk)
    return ScoredAssessment(structure, inputs, score(structure.rubric, inputs))


def snapshot_store(*, assessment: Assessment, kind: str) -> ScorecardSnapshot:
    scored = assessment_score(assessment=assessment)
    payload = scored.snapshot_json()
    return ScorecardSnapshot.objects.create(
        assessment=assessment,
        kind=kind,
        inputs_sha256=scored.inputs_sha256,
        scorecard_json=payload.decode("utf-8"),
        scorecard_sha256=hashlib.sha256(payload).hexdigest(),
    )
