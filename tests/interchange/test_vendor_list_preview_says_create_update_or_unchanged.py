"""Each vendor, offering and contact of the list is said as one line: created, updated (with each
field's old and new value), or unchanged. An empty cell leaves the stored value alone."""

import pytest

from tests.factories import ContactFactory, OfferingFactory, VendorFactory
from tests.interchange.vendor_lists import lines, preview, problems

pytestmark = pytest.mark.django_db

HEADER = (
    "Vendor",
    "Website",
    "Country",
    "Product",
    "Deployment model",
    "Contact",
    "E-mail",
    "Title",
    "Notes",
)


@pytest.fixture
def acme():
    vendor = VendorFactory(
        name="Acme", website="https://acme.example", country="Germany", notes="Met at the fair."
    )
    OfferingFactory(vendor=vendor, name="Acme Cloud", deployment_model="saas")
    OfferingFactory(vendor=vendor, name="Acme Edge", deployment_model="on_prem")
    ContactFactory(vendor=vendor, name="Jo Doe", email="jo@acme.example", role="CISO")
    return vendor


def test_creations_updates_and_unchanged_lines_say_what_would_happen(procurement_user, acme):
    record = preview(
        procurement_user,
        [
            HEADER,
            # Acme: a new website, the same country, no notes given (kept).
            ("Acme", "https://www.acme.example", "Germany", "Acme Cloud", "Hybrid", "", "", "", ""),
            ("Acme", "", "", "Acme Edge", "On-premises", "Jo Doe", "jo@acme.example", "CTO", ""),
            ("Acme", "", "", "", "", "Sam Roe", "sam@acme.example", "", ""),
            ("Globex", "globex.example", "", "Globex DLP", "on-prem", "", "", "", "Shortlist"),
        ],
    )
    assert problems(record) == []
    assert lines(record) == [
        ("vendor", "update", "Acme", ("Website: https://acme.example → https://www.acme.example",)),
        (
            "offering",
            "update",
            "Acme Cloud",
            ("Deployment: SaaS → Hybrid (on-premises data plane, SaaS control plane)",),
        ),
        ("offering", "unchanged", "Acme Edge", ()),
        ("contact", "update", "Jo Doe", ("Role: CISO → CTO",)),
        ("contact", "create", "Sam Roe", ("Name:  → Sam Roe",)),
        (
            "vendor",
            "create",
            "Globex",
            ("Website:  → https://globex.example", "Notes:  → Shortlist"),
        ),
        ("offering", "create", "Globex DLP", ("Deployment:  → On-premises",)),
    ]
    assert record.counts == {
        "vendor_update": 1,
        "vendor_create": 1,
        "offering_update": 1,
        "offering_unchanged": 1,
        "offering_create": 1,
        "contact_update": 1,
        "contact_create": 1,
    }


def test_a_list_that_matches_the_catalogue_is_all_unchanged(procurement_user, acme):
    record = preview(
        procurement_user,
        [HEADER, ("acme", "", "germany", "acme cloud", "saas", "", "JO@acme.example", "", "")],
    )
    assert [(kind, action) for kind, action, *_ in lines(record)] == [
        ("vendor", "unchanged"),
        ("offering", "unchanged"),
        ("contact", "unchanged"),
    ]


def test_the_preview_names_the_columns_it_read_and_those_it_left(procurement_user):
    record = preview(
        procurement_user,
        [("Supplier", "Internal ID", "Homepage"), ("Acme", "A-17", "acme.example")],
    )
    assert [(c["letter"], c["header"], c["role"]) for c in record.preview["columns"]] == [
        ("A", "Supplier", "vendor"),
        ("C", "Homepage", "website"),
    ]
    assert [(c["letter"], c["header"]) for c in record.preview["ignored"]] == [("B", "Internal ID")]


def test_a_title_row_above_the_header_is_not_taken_for_it(procurement_user):
    record = preview(
        procurement_user,
        [("Vendor list 2026",), (), ("Vendor name", "Country"), ("Acme", "France")],
    )
    assert record.preview["header_row"] == 3
    assert lines(record) == [("vendor", "create", "Acme", ("Country:  → France",))]


def test_a_workbook_opening_with_instructions_is_read_from_its_vendor_sheet(procurement_user):
    record = preview(
        procurement_user,
        [("Vendor", "Country"), ("Acme", "France")],
        sheet="Suppliers",
        before=[("How to fill this in",), ("One vendor per row.",)],
    )
    assert record.preview["sheet"] == "Suppliers sheet"
    assert [line["name"] for line in record.preview["lines"]] == ["Acme"]
