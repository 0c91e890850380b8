"""Invitations as the tests meet them: an assessment, an invitation with its token, a browser
that has confirmed the link, and e-mail sent at once (Celery eager, locmem backend)."""

import re
from contextlib import contextmanager

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client

from assessments.invitations.services import invitation_create
from assessments.lifecycle.services import assessment_create
from config.celery import app as celery_app
from tests.factories import OfferingFactory

INVITED = "key_isolation"
OTHER_DOMAIN = "identity"
LINK = re.compile(r"https?://[^\s/]+(/vendor/invite/[A-Za-z0-9_-]+/)")


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # The limits count in the cache, which outlives a test's database transaction.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def assessment(questionnaire, procurement_user):
    return assessment_create(
        actor=procurement_user, offering=OfferingFactory(), questionnaire=questionnaire
    )


@pytest.fixture
def invite(procurement_user):
    """`invite(assessment, domains=..., email=...)` -> (invitation, token), as procurement."""

    def make(
        assessment,
        *,
        domains=(INVITED,),
        email="jo@vendor.example",
        name="Jo Vendor",
        days=14,
        actor=None,
    ):
        return invitation_create(
            actor=actor or procurement_user,
            assessment=assessment,
            email=email,
            name=name,
            domain_keys=list(domains),
            expires_in_days=days,
        )

    return make


def link(token: str) -> str:
    return f"/vendor/invite/{token}/"


def confirm(client: Client, token: str, **extra):
    """Open the link and confirm it, as the vendor's browser does; returns the POST's response."""
    client.get(link(token), **extra)
    return client.post(link(token), **extra)


@pytest.fixture
def vendor(assessment, invite):
    """A browser holding a vendor session for the invited domain; .invitation and .token set."""
    invitation, token = invite(assessment)
    client = Client()
    response = confirm(client, token)
    assert response.status_code == 302, response.status_code
    client.invitation, client.token = invitation, token
    return client


def question_of(questionnaire, domain: str, index: int = 0):
    """A question of `domain` without show_if, with its options loaded."""
    return list(
        questionnaire.questions.filter(domain__key=domain, show_if__isnull=True)
        .order_by("position")
        .prefetch_related("options")
    )[index]


def answer_url(assessment, key: str) -> str:
    return f"/vendor/assessments/{assessment.pk}/answers/{key}/"


@pytest.fixture
def mail_now(settings, django_capture_on_commit_callbacks):
    """Send e-mail synchronously: Celery runs tasks eagerly (errors raised), the locmem backend
    keeps them in mail.outbox, and `with mail_now():` runs the on-commit hooks that enqueue them.
    Celery's settings are restored afterwards."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    previous = (celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates)
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    mail.outbox = []

    @contextmanager
    def committed():
        with django_capture_on_commit_callbacks(execute=True):
            yield

    yield committed
    celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates = previous


def link_in(message) -> str:
    """The invitation link's path in an e-mail."""
    found = LINK.search(message.body)
    assert found, message.body
    return found.group(1)
