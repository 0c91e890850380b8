"""The list page, its API and its exports read a fixed number of queries however many assessments
there are: at 1,000, the page takes at most ten."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.assessments.portfolio.conftest import make_many

pytestmark = pytest.mark.django_db


@pytest.fixture
def thousand(questionnaire, procurement_user):
    return make_many(questionnaire, procurement_user, 1000, status="submitted")


def test_the_page_at_1000_assessments_takes_at_most_ten_queries(
    client, viewer_user, thousand, django_assert_max_num_queries
):
    client.force_login(viewer_user)
    client.get("/vendors/")  # the session's first request stores its time zone: not the list's
    with django_assert_max_num_queries(10):
        response = client.get("/assessments/", {"sort": "-findings", "q": "bulk"})
    assert response.context["count"] == 1000
    assert len(response.context["rows"]) == 50


def _count(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params or {}).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "url", ["/assessments/", "/api/v1/assessments/", "/assessments/export/csv/"]
)
def test_queries_do_not_grow_with_rows(client, viewer_user, questionnaire, procurement_user, url):
    make_many(questionnaire, procurement_user, 3, status="draft")
    client.force_login(viewer_user)
    client.get("/vendors/")  # the session's first request stores its time zone: not the list's
    few = _count(client, url)
    make_many(questionnaire, procurement_user, 200, status="approved")
    assert _count(client, url) == few
