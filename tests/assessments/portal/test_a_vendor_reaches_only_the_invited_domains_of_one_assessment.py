"""Scope: a vendor session opens the invited domains of one assessment and nothing else — not
another domain's questions, not another assessment, not the scorecard, the review page or the
internal API (a vendor is not a user)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from assessments.lifecycle.services import assessment_create
from tests.assessments.invitations.conftest import INVITED, OTHER_DOMAIN, answer_url, question_of
from tests.factories import OfferingFactory
from tests.support import files

pytestmark = pytest.mark.django_db


def test_the_form_shows_the_invited_domain_only(vendor, assessment, questionnaire):
    html = vendor.get(f"/vendor/assessments/{assessment.pk}/").content.decode()
    invited = question_of(questionnaire, INVITED).key
    other = question_of(questionnaire, OTHER_DOMAIN).key
    assert f'data-domain="{INVITED}"' in html
    assert f'id="q-{invited}"' in html
    assert f'id="q-{other}"' not in html
    assert html.count('class="domain"') == 1


def test_the_form_offers_no_evidence_level_and_links_nowhere_internal(vendor, assessment):
    html = vendor.get(f"/vendor/assessments/{assessment.pk}/").content.decode()
    assert '<option value="claim" selected>' in html
    for marker in (
        'value="documented"',
        'value="attested"',
        'value="verified"',
        'href="/assessments/',
        'href="/vendors/',
        'href="/api/',
        "Sign out",
        "Submit for review",
    ):
        assert marker not in html, marker


def test_a_question_of_another_domain_is_404_for_answers_and_evidence(
    vendor, assessment, questionnaire
):
    other = question_of(questionnaire, OTHER_DOMAIN)
    put = vendor.put(
        answer_url(assessment, other.key),
        {"option": other.options.all()[0].key},
        content_type="application/json",
    )
    assert put.status_code == 404
    unknown = vendor.put(
        answer_url(assessment, "no.such_question"),
        {"option": None},
        content_type="application/json",
    )
    assert (unknown.status_code, unknown.json()) == (put.status_code, put.json())
    evidence = vendor.post(
        f"/vendor/assessments/{assessment.pk}/evidence/",
        {"question_key": other.key, "url": "https://vendor.example/x"},
    )
    assert evidence.status_code == 404
    assert not assessment.answers.exists()


def test_another_assessment_is_404_on_every_vendor_route(vendor, questionnaire, procurement_user):
    other = assessment_create(
        actor=procurement_user, offering=OfferingFactory(), questionnaire=questionnaire
    )
    key = question_of(questionnaire, INVITED).key
    base = f"/vendor/assessments/{other.pk}"
    assert vendor.get(f"{base}/").status_code == 404
    assert (
        vendor.put(
            f"{base}/answers/{key}/", {"option": None}, content_type="application/json"
        ).status_code
        == 404
    )
    assert (
        vendor.post(
            f"{base}/evidence/", {"question_key": key, "url": "https://x.example"}
        ).status_code
        == 404
    )
    assert vendor.post(f"{base}/done/").status_code == 404
    assert not other.answers.exists()


def test_internal_pages_send_the_vendor_to_the_sign_in_page(vendor, assessment):
    for path in (
        f"/assessments/{assessment.pk}/",
        f"/assessments/{assessment.pk}/review/",
        f"/assessments/{assessment.pk}/form/",
        f"/assessments/{assessment.pk}/history/",
        f"/reports/preview/{assessment.pk}/",
        "/vendors/",
        "/",
    ):
        response = vendor.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/accounts/login/"), path


def test_the_internal_api_refuses_a_vendor_session(vendor, assessment, questionnaire):
    key = question_of(questionnaire, INVITED).key
    a = f"/api/v1/assessments/{assessment.pk}"
    for method, path, body in [
        ("get", f"{a}/", None),
        ("get", f"{a}/scorecard/", None),
        ("get", f"{a}/answers/", None),
        ("get", f"{a}/invitations/", None),
        ("put", f"{a}/answers/{key}/", {"option": None}),
        ("post", f"{a}/evidence/", {"question_key": key, "url": "https://x.example"}),
        ("post", f"{a}/invitations/", {"email": "x@y.example", "name": "X", "domains": [INVITED]}),
    ]:
        kwargs = {"content_type": "application/json", "data": body} if body else {}
        response = getattr(vendor, method)(path, **kwargs)
        assert response.status_code == 401, (method, path, response.status_code)


def test_without_a_vendor_session_nothing_opens(assessment, questionnaire):
    key = question_of(questionnaire, INVITED).key
    stranger = Client()
    assert stranger.get(f"/vendor/assessments/{assessment.pk}/").status_code == 403
    assert (
        stranger.put(
            answer_url(assessment, key), {"option": None}, content_type="application/json"
        ).status_code
        == 403
    )
    upload = SimpleUploadedFile("spec.pdf", files.PDF, "application/pdf")
    assert (
        stranger.post(
            f"/vendor/assessments/{assessment.pk}/evidence/", {"question_key": key, "file": upload}
        ).status_code
        == 403
    )
    assert stranger.post(f"/vendor/assessments/{assessment.pk}/done/").status_code == 403
