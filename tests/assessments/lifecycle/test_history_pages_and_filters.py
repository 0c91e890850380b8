"""A long history reads a page at a time, filtered by who, what and when, all in the URL."""

import datetime
from unittest import mock

import pytest
from django.utils import timezone

from assessments.lifecycle.history import BAD_DATE, HISTORY_PAGE_SIZE, UNKNOWN_ACTOR
from assessments.models import AuditAction, AuditEvent
from tests.reports.conftest import assessment_of

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 3, 1, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def long_history(questionnaire, procurement_user, architect_user):
    assessment = assessment_of(questionnaire, procurement_user)
    events = []
    for i in range(250):
        actor = architect_user if i % 5 == 0 else procurement_user
        action = AuditAction.COMMENT_ADDED if i % 5 == 0 else AuditAction.ANSWER_SAVED
        events.append(
            AuditEvent(
                assessment=assessment,
                actor=actor,
                actor_label=actor.username,
                action=action,
                new={"body": f"note {i}"} if i % 5 == 0 else {},
            )
        )
    # Audit rows are append-only (a database trigger), so they get their times as they are made:
    # one day apart from 1 March, through the clock auto_now_add reads.
    times = iter(START + datetime.timedelta(days=i) for i in range(len(events)))
    with mock.patch("django.utils.timezone.now", side_effect=lambda: next(times)):
        AuditEvent.objects.bulk_create(events)
    return assessment


def _url(assessment, query=""):
    return f"/assessments/{assessment.pk}/history/{query}"


def test_a_long_history_shows_one_page_at_a_time(client, viewer_user, long_history):
    client.force_login(viewer_user)
    total = long_history.audit_events.count()

    first = client.get(_url(long_history))
    last = client.get(_url(long_history, "?page=3"))

    assert len(first.context["events"]) == HISTORY_PAGE_SIZE
    assert len(last.context["events"]) == total - 2 * HISTORY_PAGE_SIZE
    assert "Page 1 of 3" in first.content.decode()
    assert 'href="?page=2"' in first.content.decode()


def test_history_filters_by_who_what_and_when(client, viewer_user, architect_user, long_history):
    client.force_login(viewer_user)

    by_architect = client.get(_url(long_history, f"?who={architect_user.pk}"))
    comments = client.get(_url(long_history, f"?what={AuditAction.COMMENT_ADDED}"))
    march = client.get(_url(long_history, "?from=2026-03-01&to=2026-03-10"))

    assert {e.actor_id for e, _ in by_architect.context["events"]} == {architect_user.pk}
    assert len(by_architect.context["events"]) == 50
    assert {e.action for e, _ in comments.context["events"]} == {AuditAction.COMMENT_ADDED}
    days = [timezone.localtime(e.created_at).date() for e, _ in march.context["events"]]
    assert min(days) == datetime.date(2026, 3, 1) and max(days) == datetime.date(2026, 3, 10)
    assert len(days) == 10
    # The filters stay in the page links.
    both = client.get(_url(long_history, f"?who={architect_user.pk}&what=answer.saved"))
    assert both.context["events"] == [] and "No events match these filters" in both.content.decode()


def test_history_names_the_field_of_a_filter_it_cannot_use(client, viewer_user, long_history):
    client.force_login(viewer_user)
    response = client.get(_url(long_history, "?who=999999&from=yesterday"))
    page = response.content.decode()
    assert response.status_code == 200
    assert UNKNOWN_ACTOR in page and 'id="history-who-error"' in page
    assert BAD_DATE in page and 'id="history-from-error"' in page
    assert len(response.context["events"]) == HISTORY_PAGE_SIZE  # unusable filters are ignored


def test_history_queries_do_not_grow_with_the_events(
    client, viewer_user, long_history, django_assert_max_num_queries
):
    client.force_login(viewer_user)
    client.get(_url(long_history))
    with django_assert_max_num_queries(20):
        client.get(_url(long_history, "?page=2"))


def test_history_is_refused_to_outsiders(client, outsider_user, long_history):
    client.force_login(outsider_user)
    assert client.get(_url(long_history)).status_code == 403
