"""Every problem of a vendor list is one sentence that names where to fix it: the sheet, the row,
and the column by its letter and header. Cells are checked with the catalogue's own rules (the
vendor's URL validator, Django's e-mail validator, the typed-text rules), so that nothing the
preview accepts is refused by the services later."""

import pytest

from interchange.vendor_list.rows import DEPLOYMENT_UNKNOWN
from tests.factories import VendorFactory
from tests.interchange.vendor_lists import HEADER, preview, problems

pytestmark = pytest.mark.django_db


def test_bad_cells_are_named_by_sheet_row_and_column(procurement_user):
    rows = [HEADER] + [("Filler Ltd",) + ("",) * 6] * 11  # rows 2-12
    rows += [
        ("Acme", "javascript:alert(1)", "", "", "", "", ""),  # row 13
        ("Acme", "", "", "Acme Cloud", "Cloud-ish", "", ""),  # row 14
        ("", "https://orphan.example", "", "", "", "", ""),  # row 15
        ("Globex", "", "", "", "", "Kim", "not-an-address"),  # row 16
        ("Globex", "", "", "", "", "Lee", ""),  # row 17
        ("Globex", "", "", "", "SaaS", "", ""),  # row 18
    ]
    record = preview(procurement_user, rows)
    assert problems(record) == [
        "Vendors sheet, row 13, column B (Website): Enter a valid URL. The cell reads "
        "“javascript:alert(1)”.",
        "Vendors sheet, row 14, column E (Deployment): deployment “Cloud-ish” is not SaaS, "
        "On-premises or Hybrid.",
        "Vendors sheet, row 15, column A (Vendor): the vendor's name is missing; every row needs "
        "one.",
        "Vendors sheet, row 16, column G (Contact e-mail): Enter a valid email address. The cell "
        "reads “not-an-address”.",
        "Vendors sheet, row 17, column G (Contact e-mail): the contact's e-mail address is "
        "missing; contacts are matched by it.",
        "Vendors sheet, row 18, column D (Offering): the offering's name is missing, yet the row "
        "gives its deployment.",
    ]
    assert record.counts["error"] == 6
    assert DEPLOYMENT_UNKNOWN.startswith("{where}: deployment")


def test_a_new_offering_needs_a_deployment_and_a_new_contact_a_name(procurement_user):
    record = preview(
        procurement_user,
        [
            HEADER,
            ("Acme", "", "", "Acme Cloud", "", "", ""),
            ("Acme", "", "", "", "", "", "a@x.io"),
        ],
        name="acme.csv",
    )
    assert problems(record) == [
        "The CSV file, row 2, column E (Deployment): “Acme Cloud” is a new offering and needs "
        "its deployment model: SaaS, On-premises or Hybrid.",
        "The CSV file, row 3, column F (Contact name): “a@x.io” is a new contact and needs a name.",
    ]


def test_text_the_vendor_services_would_refuse_is_refused_here(procurement_user):
    record = preview(
        procurement_user,
        [
            HEADER,
            ("Acme\u202e", "", "x" * 120, "", "", "", ""),
            ("A" * 201, "", "", "", "", "", ""),
        ],
    )
    texts = problems(record)
    assert len(texts) == 3
    assert texts[0].startswith("Vendors sheet, row 2, column A (Vendor): ")
    assert "direction" in texts[0].lower()
    assert texts[1].startswith(
        "Vendors sheet, row 2, column C (Country): Ensure this value has at most 100 characters"
    )
    assert texts[2].startswith(
        "Vendors sheet, row 3, column A (Vendor): Ensure this value has at most 200 characters"
    )


def test_rows_that_disagree_about_a_vendor_are_a_conflict(procurement_user):
    record = preview(
        procurement_user,
        [
            HEADER,
            ("Acme", "https://acme.example", "", "Acme Cloud", "SaaS", "", ""),
            ("ACME", "https://acme.example/", "", "Acme Cloud", "Hybrid", "", ""),
            ("Acme", "https://acme.example", "", "", "", "Jo", "jo@acme.example"),
            ("Acme", "", "", "", "", "Joanna", "JO@acme.example"),
        ],
    )
    assert problems(record) == [
        "Vendors sheet, rows 2 and 3, column B (Website): “Acme” is given two different "
        "websites: “https://acme.example” and “https://acme.example/”.",
        "Vendors sheet, rows 2 and 3, column E (Deployment): the offering “Acme Cloud” of “Acme” "
        "is given two different deployment models: “SaaS” and “Hybrid (on-premises data plane, "
        "SaaS control plane)”.",
        "Vendors sheet, rows 4 and 5, column F (Contact name): the contact “jo@acme.example” of "
        "“Acme” is given two different names: “Jo” and “Joanna”.",
    ]
    assert record.counts["conflict"] == 3


def test_the_same_e_mail_may_belong_to_contacts_of_two_vendors(procurement_user):
    # The catalogue allows it (a reseller's account manager for two brands): no conflict.
    other = VendorFactory(name="Globex")
    other.contacts.create(name="Sam", email="sam@reseller.example")
    record = preview(
        procurement_user, [HEADER, ("Acme", "", "", "", "", "Sam", "sam@reseller.example")]
    )
    assert problems(record) == []
