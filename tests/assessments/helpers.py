"""Answering whole questionnaires quickly in tests, through the real service."""

from assessments.answers.services import answer_save
from assessments.questionnaire.structure import questionnaire_structure
from scoring import hidden_questions


def answer_all(assessment, actor, *, pick="best", level="documented", skip=()):
    """Answer every question that is visible given the earlier answers; returns the keys."""
    structure = questionnaire_structure(assessment.questionnaire)
    chosen: dict[str, str] = {}
    answered = []
    for question in structure.questions:
        if question.key in hidden_questions(structure.rubric, chosen):
            continue
        if question.key in skip:
            continue
        known = sorted((o for o in question.options if not o.is_unknown), key=lambda o: -o.score)
        option = known[0] if pick == "best" else known[-1]
        answer_save(
            actor=actor,
            assessment_pk=assessment.pk,
            question_key=question.key,
            option_key=option.key,
            evidence_level=level,
        )
        chosen[question.key] = option.key
        answered.append(question.key)
    return answered
