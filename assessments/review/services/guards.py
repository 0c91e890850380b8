"""What every review service checks first: the actor's role, the assessment's status, the answer
under review, and the written reasons. The sentences users see are defined here, once."""

from django.contrib.auth.models import AbstractBaseUser

from assessments.answers import UNKNOWN_QUESTION
from assessments.models import Answer, Assessment
from assessments.questionnaire.structure import QuestionNode, questionnaire_structure_by_id
from assessments.selectors import assessment_get_for_user
from assessments.workflow import transition_check
from core.errors import NotAllowed, ServiceError
from core.permissions import can_review
from core.text import typed_text_require

REVIEWERS_ONLY = "Only an architect can do this."
NOT_ANSWERED = "This question has no answer yet."
JUSTIFICATION_REQUIRED = "Explain the decision in writing (at least 10 characters)."
MIN_JUSTIFICATION = 10


def reviewer_require(actor: AbstractBaseUser) -> None:
    if not can_review(actor):
        raise NotAllowed(REVIEWERS_ONLY)


def justification_clean(text: str, field: str = "justification") -> str:
    text = typed_text_require(**{field: (text, True)})[field].strip()
    if len(text) < MIN_JUSTIFICATION:
        raise ServiceError(JUSTIFICATION_REQUIRED, field_errors={field: [JUSTIFICATION_REQUIRED]})
    return text


def review_open(actor: AbstractBaseUser, assessment_pk, action: str = "review") -> Assessment:
    """The assessment, locked for the write, if its status allows `action`."""
    assessment = assessment_get_for_user(user=actor, pk=assessment_pk, for_write=True)
    transition_check(assessment, action)
    return assessment


def answer_under_review(assessment: Assessment, question_key: str) -> tuple[QuestionNode, Answer]:
    """The question and its answer; an unanswered question has nothing to review."""
    question = questionnaire_structure_by_id(assessment.questionnaire_id).question(question_key)
    if question is None:
        raise ServiceError(UNKNOWN_QUESTION, field_errors={"question_key": [UNKNOWN_QUESTION]})
    answer = Answer.objects.filter(assessment=assessment, question_id=question.id).first()
    if answer is None or (answer.option_id is None and not answer.is_na):
        raise ServiceError(NOT_ANSWERED, field_errors={"question_key": [NOT_ANSWERED]})
    answer.assessment = assessment
    return question, answer
