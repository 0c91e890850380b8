"""A page answers only the methods it is for. POST, PUT, PATCH or DELETE sent to a page that only
shows something is refused with 405 and an `Allow` header naming GET and HEAD; the view never
runs, so nothing is written. The method check comes before the sign-in and role checks and looks
up no object, so the 405 is the same for everyone and tells nobody which ids exist.

tests/permissions/test_unlisted_methods_answer_405.py checks every route and method; this file
shows the behaviour on the pages a reviewer would try first."""

import uuid

import pytest
from django.test import Client

from assessments.models import Answer, Assessment, AuditEvent, RowChange
from reports.models import Report
from reports.services import report_request
from vendors.models import Vendor

pytestmark = pytest.mark.django_db

REFUSED = ("POST", "PUT", "PATCH", "DELETE")


@pytest.fixture
def report(assessment, procurement_user):
    made, _ = report_request(actor=procurement_user, assessment=assessment)
    return made


@pytest.fixture
def pages(assessment, report) -> dict[str, str]:
    """Read-only pages, each showing a real object."""
    return {
        "dashboard": "/",
        "vendor detail": f"/vendors/{assessment.offering.vendor_id}/",
        "assessment and its scorecard": f"/assessments/{assessment.pk}/",
        "report status": f"/reports/{report.pk}/",
    }


def _state() -> dict:
    """Everything a stray write through these pages could touch, the database's own change log
    (RowChange, written by triggers) included."""
    return {
        "counts": [
            m.objects.count() for m in (Vendor, Assessment, Answer, Report, AuditEvent, RowChange)
        ],
        "vendors": list(Vendor.objects.values_list("pk", "name", "notes").order_by("pk")),
        "assessments": list(Assessment.objects.values_list("pk", "status").order_by("pk")),
        "reports": list(Report.objects.values_list("pk", "status", "attempts").order_by("pk")),
    }


def _send(client: Client, method: str, path: str):
    return getattr(client, method.lower())(path, {"name": "Changed", "status": "approved"})


@pytest.mark.parametrize("method", REFUSED)
def test_a_read_only_page_refuses_a_write_method_with_405_and_changes_nothing(
    client, pages, method, admin_user
):
    client.force_login(admin_user)
    before = _state()
    for name, path in pages.items():
        response = _send(client, method, path)
        assert response.status_code == 405, (name, response.status_code)
        assert response["Allow"] == "GET, HEAD", name
        assert b"<html" not in response.content, name  # the page itself was never rendered
    assert _state() == before


@pytest.mark.parametrize("method", ("GET", "HEAD"))
def test_the_same_pages_still_answer_get_and_head(client, pages, method, admin_user):
    client.force_login(admin_user)
    for name, path in pages.items():
        assert getattr(client, method.lower())(path).status_code == 200, name


def test_a_same_origin_form_with_a_valid_csrf_token_is_refused_by_the_method_not_csrf(
    pages, admin_user
):
    """The test client skips the CSRF check by default; a real browser is not let off it. With a
    genuine token the request gets past CSRF and meets the method check."""
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(admin_user)
    assert browser.get("/").status_code == 200
    token = browser.cookies["csrftoken"].value
    for name, path in pages.items():
        response = browser.post(path, {"csrfmiddlewaretoken": token})
        assert (response.status_code, response["Allow"]) == (405, "GET, HEAD"), name


def test_the_405_is_the_same_for_everyone_and_for_an_id_that_does_not_exist(
    client, assessment, outsider_user, viewer_user
):
    """Before any sign-in or role check: the answer says nothing about who asks or what exists."""
    real = f"/assessments/{assessment.pk}/"
    absent = f"/assessments/{uuid.uuid4()}/"
    answers = set()
    for user in (None, outsider_user, viewer_user):
        browser = Client()
        if user is not None:
            browser.force_login(user)
        for path in (real, absent):
            response = browser.delete(path)
            answers.add((response.status_code, response["Allow"], response.content))
    assert answers == {(405, "GET, HEAD", b"")}


def test_a_post_only_action_refuses_get(client, assessment, report, viewer_user):
    client.force_login(viewer_user)
    before = _state()
    for path in (
        f"/reports/request/{assessment.pk}/",
        f"/reports/{report.pk}/retry/",
        f"/assessments/{assessment.pk}/submit/",
    ):
        response = client.get(path)
        assert (response.status_code, response["Allow"]) == (405, "POST"), path
    assert _state() == before
