"""The invitation link is public by design (its token is the credential), so it is excluded from
the route matrix and covered here: the vendor session it opens reaches its own assessment's pages
and nothing else — not another assessment, not one internal page or API route."""

import pytest

from assessments.models import Answer
from tests.permissions.conftest import LOGIN_URL, QUESTION_DOMAIN, QUESTION_KEY

pytestmark = pytest.mark.django_db

ANY_UUID = "00000000-0000-4000-8000-000000000000"


@pytest.fixture
def vendor_browser(site):
    """A browser that confirmed a fresh invitation link, and the invited assessment."""
    invitation, token = site.invite("max@vendor.example")
    browser = site.client("anonymous", api=False)
    preview = browser.get(f"/vendor/invite/{token}/")
    assert preview.status_code == 200
    confirmed = browser.post(f"/vendor/invite/{token}/")
    invited = invitation.assessment
    assert (confirmed.status_code, confirmed["Location"]) == (
        302,
        f"/vendor/assessments/{invited.pk}/",
    )
    return browser, invited


def test_the_vendor_session_opens_its_own_assessment_and_answers_only_claims(vendor_browser):
    browser, invited = vendor_browser
    assert browser.get(f"/vendor/assessments/{invited.pk}/").status_code == 200
    answer = browser.put(
        f"/vendor/assessments/{invited.pk}/answers/{QUESTION_KEY}/",
        {"option": "hsm", "evidence_level": "verified"},
        content_type="application/json",
    )
    assert answer.status_code == 201, answer.content
    saved = Answer.objects.get(assessment=invited, question__key=QUESTION_KEY)
    assert saved.evidence_level == "claim"


def test_the_vendor_session_gets_404_for_a_question_outside_the_invited_domains(
    site, vendor_browser
):
    browser, invited = vendor_browser
    outside = site.questionnaire.questions.exclude(domain__key=QUESTION_DOMAIN).first().key
    put = browser.put(
        f"/vendor/assessments/{invited.pk}/answers/{outside}/",
        {"option": "x"},
        content_type="application/json",
    )
    assert put.status_code == 404


def test_the_vendor_session_gets_404_for_any_other_assessment(site, vendor_browser):
    browser, _ = vendor_browser
    for other in (site.draft.pk, ANY_UUID):
        assert browser.get(f"/vendor/assessments/{other}/").status_code == 404
        put = browser.put(
            f"/vendor/assessments/{other}/answers/{QUESTION_KEY}/",
            {"option": "hsm"},
            content_type="application/json",
        )
        assert put.status_code == 404
        assert browser.post(f"/vendor/assessments/{other}/done/").status_code == 404


def test_the_vendor_session_opens_nothing_internal(vendor_browser):
    browser, invited = vendor_browser
    pages = ("/", "/vendors/", f"/assessments/{invited.pk}/", f"/reports/preview/{invited.pk}/")
    for page in pages:
        response = browser.get(page)
        assert (response.status_code, response["Location"].split("?")[0]) == (302, LOGIN_URL)
    api = browser.get(f"/api/v1/assessments/{invited.pk}/")
    assert (api.status_code, api["WWW-Authenticate"]) == (401, "Token")


def test_an_unknown_invitation_link_is_404_for_everyone(site):
    for principal in ("anonymous", "outsider", "procurement", "admin"):
        browser = site.client(principal, api=False)
        assert browser.get("/vendor/invite/not-a-real-token/").status_code == 404
