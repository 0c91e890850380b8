import pytest
from django.http import Http404

from tests.factories import OfferingFactory, VendorFactory
from vendors.selectors import vendor_get_for_user, vendor_list


@pytest.mark.django_db
def test_a_user_without_a_role_reads_no_vendors(outsider_user):
    vendor = VendorFactory()

    assert list(vendor_list(user=outsider_user, query="")) == []
    with pytest.raises(Http404):
        vendor_get_for_user(user=outsider_user, pk=vendor.pk)


@pytest.mark.django_db
@pytest.mark.parametrize("pk", ["not-a-uuid", "", None, 42, "00000000-0000-0000-0000-000000000000"])
def test_a_malformed_or_unknown_id_is_not_found(pk, viewer_user):
    VendorFactory()

    with pytest.raises(Http404):
        vendor_get_for_user(user=viewer_user, pk=pk)


@pytest.mark.django_db
def test_the_getter_carries_the_offering_count(viewer_user):
    vendor = VendorFactory()
    OfferingFactory.create_batch(3, vendor=vendor)

    assert vendor_get_for_user(user=viewer_user, pk=str(vendor.pk)).offerings_count == 3


@pytest.mark.django_db
def test_search_ignores_surrounding_spaces(viewer_user):
    VendorFactory(name="Acme")
    VendorFactory(name="Borealis")

    assert [v.name for v in vendor_list(user=viewer_user, query="  acme ")] == ["Acme"]
