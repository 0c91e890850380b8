"""Every page carries a strict Content-Security-Policy and the other protective headers, and no
page uses inline script (which that policy would block)."""

import re

import pytest

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/vendors/",
    "/assessments/review/",
    "/reports/compare/",
    "/accounts/login/",
    "/api/docs/",
]


@pytest.mark.parametrize("path", PAGES)
def test_pages_send_a_strict_csp_and_protective_headers(client, architect_user, path):
    if path != "/accounts/login/":  # the sign-in page redirects signed-in users away
        client.force_login(architect_user)
    response = client.get(path)
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


def test_no_page_has_an_inline_script_or_style_attribute(
    client, architect_user, questionnaire, procurement_user
):
    from assessments.lifecycle.services import assessment_create
    from tests.factories import OfferingFactory

    assessment = assessment_create(
        actor=procurement_user, offering=OfferingFactory(), questionnaire=questionnaire
    )
    client.force_login(architect_user)
    for path in [
        *PAGES[:4],
        "/api/docs/",
        f"/assessments/{assessment.pk}/",
        f"/assessments/{assessment.pk}/form/",
        f"/assessments/{assessment.pk}/history/",
    ]:
        html = client.get(path).content.decode()
        scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html)
        assert not [s for s in scripts if "application/json" not in s], (path, scripts)
        assert " style=" not in html, path
        assert not re.search(r"\son[a-z]+=\"", html), path


def test_a_proxy_supplied_request_id_is_echoed_and_a_malformed_one_replaced(client):
    assert client.get("/accounts/login/", HTTP_X_REQUEST_ID="lb-1234abcd")["X-Request-ID"] == (
        "lb-1234abcd"
    )
    replaced = client.get("/accounts/login/", HTTP_X_REQUEST_ID="<script>")["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", replaced)
