"""Opening the link shows a confirmation page and uses nothing up: mail scanners fetch links
before their recipient does. Only confirming (POST) uses it, once."""

import pytest
from django.test import Client

from assessments.models import Invitation, VendorSession
from tests.assessments.invitations.conftest import link

pytestmark = pytest.mark.django_db


def test_get_shows_a_confirmation_page_and_leaves_the_link_unused(assessment, invite):
    invitation, token = invite(assessment)
    for _ in range(3):  # a scanner, a preview pane, the person
        page = Client().get(link(token))
        assert page.status_code == 200
        assert b"Continue to the questions" in page.content
    invitation.refresh_from_db()
    assert invitation.used_at is None
    assert invitation.status == Invitation.Status.PENDING
    assert not VendorSession.objects.exists()


def test_the_confirmation_page_names_the_product_and_the_invited_domains_only(assessment, invite):
    _, token = invite(assessment)
    html = Client().get(link(token)).content.decode()
    assert assessment.offering.name in html
    assert "Key and secret isolation" in html
    assert "Identity, credentials" not in html


def test_confirming_uses_the_link_once(assessment, invite):
    invitation, token = invite(assessment)
    first = Client().post(link(token))
    assert first.status_code == 302
    second = Client().post(link(token))
    assert second.status_code == 404
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.USED
    assert VendorSession.objects.filter(invitation=invitation).count() == 1


def test_the_confirmation_form_passes_a_strict_csrf_check(assessment, invite):
    _, token = invite(assessment)
    client = Client(enforce_csrf_checks=True)
    page = client.get(link(token))
    csrf = page.context["csrf_token"]
    refused = Client(enforce_csrf_checks=True).post(link(token))
    assert refused.status_code == 403
    accepted = client.post(link(token), {"csrfmiddlewaretoken": str(csrf)})
    assert accepted.status_code == 302
