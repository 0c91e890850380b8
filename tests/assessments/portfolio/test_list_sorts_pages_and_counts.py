"""Every column sorts both ways; 50 rows a page whose links keep the filters and the order; the
count says how many match; the nav marks the page; an empty list says what to do."""

import datetime
import re

import pytest
from django.utils import timezone

from assessments.portfolio.selectors import COLUMNS
from tests.assessments.portfolio.conftest import listed, make_many

pytestmark = pytest.mark.django_db


@pytest.fixture
def three(make, architect_user):
    today = timezone.localdate()
    return [
        make(vendor="Bravo", status="submitted", due_date=today, summary={"grade": "B"}),
        make(
            vendor="Alpha",
            status="draft",
            due_date=today + datetime.timedelta(days=9),
            summary={"grade": "D", "open_critical": 2},
        ),
        make(
            vendor="Charlie",
            status="approved",
            reviewer=architect_user,
            summary={"grade": "A", "open_low": 1},
        ),
    ]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("vendor", [1, 0, 2]),
        ("-vendor", [2, 0, 1]),
        ("grade", [2, 0, 1]),
        ("-grade", [1, 0, 2]),
        ("status", [1, 0, 2]),
        ("-status", [2, 0, 1]),
        ("due", [0, 1, 2]),
        ("-findings", [1, 2, 0]),
        ("findings", [0, 2, 1]),
        ("-created", [2, 1, 0]),
    ],
)
def test_sorting_by_a_column_orders_the_rows(client, viewer_user, three, sort, expected):
    client.force_login(viewer_user)
    response = client.get("/assessments/", {"sort": sort})
    assert listed(response) == [str(three[i].pk) for i in expected]


def test_every_column_header_sorts_and_marks_the_current_order(client, viewer_user, three):
    client.force_login(viewer_user)
    for key, _label in COLUMNS:
        for sort in (key, f"-{key}"):
            response = client.get("/assessments/", {"sort": sort, "status": "draft"})
            assert response.status_code == 200
            assert not response.context["query"].problems
            html = response.content.decode()
            direction = "descending" if sort.startswith("-") else "ascending"
            assert re.search(rf'aria-sort="{direction}"><a\s+href="\?status=draft&amp;sort=', html)


def test_fifty_a_page_and_page_links_keep_filters_and_order(
    client, viewer_user, questionnaire, procurement_user, make
):
    make_many(questionnaire, procurement_user, 120, status="submitted")
    make(vendor="Not listed", status="draft")
    client.force_login(viewer_user)
    response = client.get("/assessments/", {"status": "submitted", "sort": "vendor"})
    html = response.content.decode()
    assert len(response.context["rows"]) == 50
    assert "120 assessments match these filters" in html
    assert 'href="?status=submitted&amp;sort=vendor&amp;page=2">Next page' in html
    last = client.get("/assessments/", {"status": "submitted", "sort": "vendor", "page": "3"})
    assert len(last.context["rows"]) == 20
    assert 'href="?status=submitted&amp;sort=vendor&amp;page=2">Previous page' in (
        last.content.decode()
    )
    # A page number past the end shows the last page, not an error.
    assert client.get("/assessments/", {"page": "999"}).status_code == 200


def test_the_nav_links_the_list_and_marks_it_current(client, viewer_user):
    client.force_login(viewer_user)
    html = client.get("/assessments/").content.decode()
    assert re.search(r'<a href="/assessments/"\s+aria-current="page">Assessments</a>', html)
    other = client.get("/vendors/").content.decode()
    assert re.search(r'<a href="/assessments/"\s*>Assessments</a>', other)


def test_an_empty_list_says_what_to_do(client, viewer_user, procurement_user, make):
    client.force_login(procurement_user)
    html = client.get("/assessments/").content.decode()
    assert "0 assessments match" in html
    assert "Start an assessment" in html
    assert "Download CSV" not in html
    client.force_login(viewer_user)
    assert "Procurement starts an assessment" in client.get("/assessments/").content.decode()
    make(vendor="Acme")
    filtered = client.get("/assessments/", {"q": "zebra"}).content.decode()
    assert "No assessment matches these filters." in filtered
    assert "Clear all filters" in filtered
