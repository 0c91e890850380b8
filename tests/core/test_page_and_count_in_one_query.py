"""core/paging.page_with_total: one page and the list's length in one query, and the same page
Paginator.get_page would give for any page number typed into a URL."""

import pytest
from django.core.paginator import Paginator

from core.paging import page_with_total
from vendors.models import Vendor

pytestmark = pytest.mark.django_db


@pytest.fixture
def vendors():
    Vendor.objects.bulk_create(Vendor(name=f"Vendor {i:02d}") for i in range(23))
    return Vendor.objects.order_by("name")


def test_a_page_and_the_count_cost_one_query(vendors, django_assert_num_queries):
    with django_assert_num_queries(1):
        page = page_with_total(vendors, "2", 10)
        names = [v.name for v in page.object_list]
        count, pages = page.paginator.count, page.paginator.num_pages
    assert names == [f"Vendor {i:02d}" for i in range(10, 20)]
    assert (count, pages, page.number) == (23, 3, 2)
    assert page.has_previous() and page.has_next()


@pytest.mark.parametrize("raw", ["1", "2", "3", "9", "0", "-4", "abc", "", None, "2.5", "last"])
def test_any_typed_page_number_gives_the_page_paginator_would(vendors, raw):
    ours = page_with_total(vendors, raw, 10)
    django = Paginator(vendors, 10).get_page(raw)
    assert ours.number == django.number
    assert [v.pk for v in ours.object_list] == [v.pk for v in django.object_list]
    assert ours.paginator.count == 23


def test_an_empty_list_is_one_empty_page(django_assert_num_queries):
    with django_assert_num_queries(1):
        page = page_with_total(Vendor.objects.order_by("name"), "1", 10)
        assert (list(page.object_list), page.paginator.count, page.number) == ([], 0, 1)
    assert not page.has_next()
