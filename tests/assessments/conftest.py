import pytest

from assessments.lifecycle.services import assessment_create
from tests.factories import OfferingFactory


@pytest.fixture
def assessment(questionnaire, procurement_user):
    return assessment_create(
        actor=procurement_user, offering=OfferingFactory(), questionnaire=questionnaire
    )


def first_question(questionnaire):
    """The first required question that has no show_if, with its options."""
    return (
        questionnaire.questions.filter(show_if__isnull=True, required=True)
        .order_by("position")
        .prefetch_related("options")
        .first()
    )


def answer_url(assessment, key: str) -> str:
    return f"/api/v1/assessments/{assessment.pk}/answers/{key}/"
