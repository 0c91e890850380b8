"""Guessing links is limited per client address and per token prefix: past the limit every
attempt, right or wrong, gets 429 and one generic sentence."""

import pytest
from django.test import Client

from assessments.invitations.links import TOO_MANY_ATTEMPTS
from tests.assessments.invitations.conftest import link

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _limits(settings):
    # Set here, not the defaults: the limits are settings (INVITATION_FAILURES_PER_…).
    settings.INVITATION_FAILURES_PER_ADDRESS = 7
    settings.INVITATION_FAILURES_PER_LINK = 3


MAX_FAILURES_PER_IP, MAX_FAILURES_PER_PREFIX = 7, 3


def _wrong(n: int, prefix: str = "") -> str:
    """A well-formed wrong token: its own prefix unless one is given."""
    return (prefix + f"{n:06d}").ljust(43, "q")


def test_an_address_that_keeps_guessing_is_stopped_even_with_a_real_link(assessment, invite):
    _, token = invite(assessment)
    guesser = Client(REMOTE_ADDR="203.0.113.9")
    for n in range(MAX_FAILURES_PER_IP):
        assert guesser.get(link(_wrong(n))).status_code == 404
    stopped = guesser.get(link(token))
    assert stopped.status_code == 429
    assert TOO_MANY_ATTEMPTS in stopped.content.decode()
    assert guesser.post(link(token)).status_code == 429
    # Someone else, elsewhere, is not affected.
    assert Client(REMOTE_ADDR="198.51.100.7").get(link(token)).status_code == 200


def test_many_addresses_guessing_around_one_prefix_are_stopped(assessment, invite):
    invitation, token = invite(assessment)
    prefix = token[:6]
    for n in range(MAX_FAILURES_PER_PREFIX):
        client = Client(REMOTE_ADDR=f"192.0.2.{n + 1}")
        assert client.post(link(_wrong(n, prefix))).status_code == 404
    fresh = Client(REMOTE_ADDR="192.0.2.200")
    assert fresh.get(link(token)).status_code == 429
    assert fresh.get(link(_wrong(99))).status_code == 404  # other prefixes are unaffected
    invitation.refresh_from_db()
    assert invitation.used_at is None


def test_opening_a_valid_link_costs_no_attempts(assessment, invite):
    _, token = invite(assessment)
    client = Client(REMOTE_ADDR="203.0.113.50")
    for _ in range(MAX_FAILURES_PER_IP + MAX_FAILURES_PER_PREFIX):
        assert client.get(link(token)).status_code == 200
    assert client.post(link(token)).status_code == 302


def test_the_limits_are_the_settings_not_constants(assessment, invite, settings):
    _, token = invite(assessment)
    settings.INVITATION_FAILURES_PER_ADDRESS = 2
    guesser = Client(REMOTE_ADDR="203.0.113.77")
    for n in range(2):
        assert guesser.get(link(_wrong(n))).status_code == 404
    assert guesser.get(link(token)).status_code == 429
