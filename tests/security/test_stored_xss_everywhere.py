"""Hostile text in every text field shows escaped on every page and in every API response, and
template syntax in user text is shown literally, never evaluated."""

import pytest

from assessments.lifecycle.services import assessment_create
from tests.assessments.helpers import decide, type_into_every_field
from vendors.services import contact_create, offering_create, vendor_create

pytestmark = pytest.mark.django_db

XSS = '"><img src=x onerror=alert(1)>'
TEMPLATE = "{{ settings.SECRET_KEY }}"
HOSTILE = f"{XSS} {TEMPLATE}"


@pytest.fixture
def hostile(questionnaire, procurement_user, architect_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    vendor = vendor_create(actor=procurement_user, name=f"Vendor {HOSTILE}", notes=HOSTILE)
    contact_create(
        actor=procurement_user, vendor=vendor, name=HOSTILE, email="x@vendor.example", role=HOSTILE
    )
    offering = offering_create(
        actor=procurement_user,
        vendor=vendor,
        name=f"Offer {HOSTILE}",
        deployment_model="saas",
        description=HOSTILE,
    )
    assessment = assessment_create(
        actor=procurement_user, offering=offering, questionnaire=questionnaire
    )
    type_into_every_field(
        assessment,
        procurement=procurement_user,
        architect=architect_user,
        text=HOSTILE,
        file_name=f"{XSS}.pdf",
        url="https://vendor.example/?q=%22%3E%3Cscript%3E",
    )
    decide(
        actor=architect_user,
        assessment_pk=assessment.pk,
        decision="approved_with_conditions",
        rationale=HOSTILE,
    )
    return assessment


def _pages(assessment):
    a, v = assessment.pk, assessment.offering.vendor_id
    return [
        "/",
        "/vendors/",
        f"/vendors/{v}/",
        f"/assessments/{a}/",
        f"/assessments/{a}/form/",
        f"/assessments/{a}/review/",
        f"/assessments/{a}/history/",
        f"/reports/preview/{a}/",
        "/reports/compare/",
        "/assessments/review/",
    ]


def test_hostile_text_is_escaped_on_every_page(client, hostile, architect_user, settings):
    client.force_login(architect_user)
    for path in _pages(hostile):
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        assert "<img src=x onerror" not in html, path
        assert settings.SECRET_KEY not in html, path
    detail = client.get(f"/assessments/{hostile.pk}/review/").content.decode()
    assert "&lt;img src=x onerror=alert(1)&gt;" in detail
    assert TEMPLATE in detail  # shown literally, not evaluated


def test_hostile_text_comes_back_as_data_from_the_api(api, hostile, architect_user, settings):
    client = api(architect_user)
    a = hostile.pk
    for path in (
        f"/api/v1/assessments/{a}/answers/",
        f"/api/v1/assessments/{a}/conditions/",
        f"/api/v1/assessments/{a}/history/",
        f"/api/v1/vendors/{hostile.offering.vendor_id}/",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response["Content-Type"].startswith("application/json")
        assert settings.SECRET_KEY not in response.content.decode()
    answers = client.get(f"/api/v1/assessments/{a}/answers/").json()
    assert HOSTILE in {row["text"] for row in answers}
