"""Friendly 403, 404 and 500 pages in the site's look, each with a way back — also under DEBUG
(what `make run` uses) unless DJANGO_DEBUG_PAGES asks for Django's technical 404 page."""

import uuid

import pytest
from django.test import Client, RequestFactory

from core.views import server_error
from tests.factories import UserFactory

NOT_FOUND_TITLE = "We could not find that page"
FORBIDDEN_TITLE = "You do not have access to this page"
# Sentences of Django's technical 404 page, which lists the site's URL patterns.
TECHNICAL_404 = ("Using the URLconf", "DEBUG = True")


def _signed_in(role: str | None = "procurement") -> Client:
    client = Client()
    client.force_login(UserFactory(username=f"err-{role}", role=role))
    return client


def _is_friendly_404(response) -> bool:
    body = response.content.decode()
    return (
        response.status_code == 404
        and NOT_FOUND_TITLE in body
        and 'class="topbar"' in body
        and not any(sentence in body for sentence in TECHNICAL_404)
    )


@pytest.mark.django_db
def test_an_unknown_address_shows_the_friendly_404_with_a_way_back_to_the_dashboard(settings):
    settings.DEBUG = False
    response = _signed_in().get("/no-such-page/")
    assert _is_friendly_404(response)
    body = response.content.decode()
    assert 'href="/"' in body and "Back to the dashboard" in body
    assert "/no-such-page/" in body  # says which address was not found


@pytest.mark.django_db
def test_a_signed_out_person_is_offered_the_sign_in_page_from_the_404(settings):
    settings.DEBUG = False
    response = Client().get("/no-such-page/")
    assert _is_friendly_404(response)
    assert 'href="/accounts/login/"' in response.content.decode()


@pytest.mark.django_db
def test_a_missing_object_shows_the_friendly_404(settings):
    settings.DEBUG = False
    response = _signed_in().get(f"/assessments/{uuid.uuid4()}/")
    assert _is_friendly_404(response)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/no-such-page/", f"/assessments/{uuid.uuid4()}/"])
def test_with_debug_on_the_404_is_still_the_friendly_page(settings, path):
    settings.DEBUG, settings.DEBUG_PAGES = True, False
    response = _signed_in().get(path)
    assert _is_friendly_404(response)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/no-such-page/", f"/assessments/{uuid.uuid4()}/"])
def test_debug_pages_brings_back_djangos_technical_404(settings, path):
    settings.DEBUG, settings.DEBUG_PAGES = True, True
    response = _signed_in().get(path)
    assert response.status_code == 404
    assert NOT_FOUND_TITLE not in response.content.decode()
    assert "Page not found" in response.content.decode()


@pytest.mark.django_db
def test_with_debug_on_a_missing_slash_still_redirects_rather_than_404(settings):
    settings.DEBUG, settings.DEBUG_PAGES = True, False
    response = _signed_in().get("/vendors")
    assert response.status_code == 301 and response["Location"] == "/vendors/"


@pytest.mark.django_db
def test_with_debug_on_the_vendor_portal_keeps_its_own_not_found_page(settings):
    settings.DEBUG, settings.DEBUG_PAGES = True, False
    response = Client().get("/vendor/invite/not-a-real-token/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "This link cannot be used" in body and NOT_FOUND_TITLE not in body


@pytest.mark.django_db
@pytest.mark.parametrize("debug", [False, True])
def test_a_refused_page_shows_the_friendly_403_with_a_way_back(settings, debug):
    settings.DEBUG, settings.DEBUG_PAGES = debug, False
    response = _signed_in("viewer").get("/vendors/new/")  # viewers may not edit the catalogue
    body = response.content.decode()
    assert response.status_code == 403
    assert FORBIDDEN_TITLE in body and 'class="topbar"' in body
    assert 'href="/"' in body and "Back to the dashboard" in body


def test_the_500_page_needs_no_database_and_no_context_processors():
    """No db fixture: any query would fail this test. The page is rendered the way Django renders
    handler500, from a request nothing has touched (no user, no session)."""
    request = RequestFactory().get("/anything/")
    request.request_id = "req-0123456789"
    response = server_error(request)
    body = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in body and "req-0123456789" in body
    assert 'class="topbar"' in body and 'href="/static/css/app.css"' in body
    assert 'href="/"' in body and "Back to the dashboard" in body
    assert "{#" not in body and "{%" not in body  # no template comment shows as text


def test_the_503_page_shows_its_sentence_and_a_way_to_try_again():
    from django.template import loader

    body = loader.get_template("503.html").render(
        {"message": "The database is restarting.", "request_id": "req-0123456789"}
    )
    assert "Briefly unavailable" in body and "The database is restarting." in body
    assert 'class="topbar"' in body and "Try again" in body
    assert "{#" not in body and "{%" not in body
