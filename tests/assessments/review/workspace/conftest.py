import pytest

from assessments.lifecycle.services import assessment_create, assessment_submit
from assessments.review.services import review_start
from tests.assessments.helpers import answer_all
from tests.factories import OfferingFactory


@pytest.fixture
def in_review(questionnaire_v2, procurement_user, architect_user):
    """A questionnaire v2 assessment answered worst-case at claim, submitted, review started."""
    assessment = assessment_create(
        actor=procurement_user, offering=OfferingFactory(), questionnaire=questionnaire_v2
    )
    answer_all(assessment, procurement_user, pick="worst", level="claim")
    assessment_submit(actor=procurement_user, assessment_pk=assessment.pk)
    review_start(actor=architect_user, assessment_pk=assessment.pk)
    assessment.refresh_from_db()
    return assessment


def page(client, user, assessment, query: str = ""):
    client.force_login(user)
    response = client.get(f"/assessments/{assessment.pk}/review/{query}")
    assert response.status_code == 200
    return response
