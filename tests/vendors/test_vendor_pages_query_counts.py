"""The list and detail pages cost a fixed number of queries, however much data there is."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import AssessmentFactory, ContactFactory, OfferingFactory, VendorFactory


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def add_vendors(count: int) -> None:
    for _ in range(count):
        vendor = VendorFactory()
        OfferingFactory.create_batch(2, vendor=vendor)


def add_offerings_with_assessments(vendor, questionnaire, count: int) -> None:
    for _ in range(count):
        offering = OfferingFactory(vendor=vendor)
        AssessmentFactory.create_batch(2, offering=offering, questionnaire=questionnaire)
        ContactFactory(vendor=vendor)


def test_the_list_page_query_count_does_not_grow_with_vendors(
    db, procurement_user, browser_as, django_assert_max_num_queries
):
    client = browser_as(procurement_user)
    add_vendors(2)
    baseline = queries_for(client, "/vendors/")
    add_vendors(30)

    with django_assert_max_num_queries(baseline):
        client.get("/vendors/")
    with django_assert_max_num_queries(baseline):
        client.get("/vendors/", {"q": "product"})


def test_the_detail_page_query_count_does_not_grow_with_offerings_or_assessments(
    db, questionnaire, procurement_user, browser_as, django_assert_max_num_queries
):
    client = browser_as(procurement_user)
    vendor = VendorFactory()
    add_offerings_with_assessments(vendor, questionnaire, 1)
    baseline = queries_for(client, f"/vendors/{vendor.pk}/")
    add_offerings_with_assessments(vendor, questionnaire, 6)

    with django_assert_max_num_queries(baseline):
        response = client.get(f"/vendors/{vendor.pk}/")
    assert response.context["vendor"].offerings_count == 7


@pytest.mark.parametrize("url", ["/vendors/", "/vendors/{pk}/"])
def test_outsider_is_refused_the_counted_pages(url, db, outsider_user, browser_as):
    vendor = VendorFactory()
    response = browser_as(outsider_user).get(url.format(pk=vendor.pk))
    assert response.status_code == 403
