"""After the exchange the token is nowhere the vendor's browser shows or sends: not in the URL
(so not in history or a Referer), not in the page; every vendor page forbids Referer headers."""

import uuid

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client

from assessments.models import VendorSession
from assessments.portal.access import SESSION_KEY
from tests.assessments.invitations.conftest import INVITED, answer_url, link, question_of

pytestmark = pytest.mark.django_db


def test_after_confirming_the_final_url_and_page_hold_no_token(assessment, invite):
    _, token = invite(assessment)
    client = Client()
    client.get(link(token))
    response = client.post(link(token), follow=True)
    assert response.status_code == 200
    final_url = response.redirect_chain[-1][0]
    assert final_url == f"/vendor/assessments/{assessment.pk}/"
    assert all(token not in url for url, _ in response.redirect_chain)
    assert token not in response.content.decode()
    assert token[:12] not in response.content.decode()


def test_confirming_moves_the_browser_to_a_new_session_key_holding_the_session_id_only(
    assessment, invite
):
    _, token = invite(assessment)
    client = Client()
    planted = client.session  # a session that existed before the exchange (fixation)
    planted["before"] = "x"
    planted.save()
    client.get(link(token))
    client.post(link(token))
    after = client.session
    assert after.session_key != planted.session_key
    assert not SessionStore().exists(planted.session_key)
    assert str(VendorSession.objects.get().pk) == after[SESSION_KEY]
    assert token not in str(dict(after))


def test_no_vendor_response_sends_a_referer_elsewhere_and_the_links_none_at_all(
    assessment, invite, questionnaire
):
    _, token = invite(assessment)
    client = Client()
    key = question_of(questionnaire, INVITED).key
    # The link's pages: the token is in the URL, so no Referer at all.
    with_token = [client.get(link(token)), client.post(link(token)), Client().get(link("x" * 43))]
    # The pages behind it hold no token: same-origin, so a plain form POST carries a real
    # Origin (no script needed for "done"), and still no Referer leaves for another site.
    tokenless = [
        client.get(f"/vendor/assessments/{assessment.pk}/"),
        client.post(f"/vendor/assessments/{assessment.pk}/done/"),
        client.post(f"/vendor/assessments/{assessment.pk}/done/", {"confirm": "1"}),
        client.get(f"/vendor/assessments/{uuid.uuid4()}/"),
        Client().get(f"/vendor/assessments/{assessment.pk}/"),
    ]
    api = client.put(answer_url(assessment, key), {"option": None}, content_type="application/json")
    for response in [*with_token, api]:
        assert response["Referrer-Policy"] == "no-referrer", response.status_code
    for response in tokenless:
        assert response["Referrer-Policy"] == "same-origin", response.status_code
    for response in [*with_token, *tokenless, api]:
        assert "no-store" in response["Cache-Control"]
