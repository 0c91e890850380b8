from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import OfferingFactory, VendorFactory


def test_the_vendor_list_api_query_count_does_not_grow_with_vendors(
    db, viewer_user, api_as, django_assert_max_num_queries
):
    client = api_as(viewer_user)
    OfferingFactory.create_batch(2)
    with CaptureQueriesContext(connection) as baseline:
        client.get("/api/v1/vendors/")
    for _ in range(20):
        OfferingFactory.create_batch(2, vendor=VendorFactory())

    with django_assert_max_num_queries(len(baseline)):
        response = client.get("/api/v1/vendors/")
    assert response.json()["count"] == 22


def test_outsider_is_refused_the_vendor_list_api(db, outsider_user, api_as):
    assert api_as(outsider_user).get("/api/v1/vendors/").status_code == 403
