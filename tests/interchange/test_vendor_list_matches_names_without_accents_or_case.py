"""A vendor list names vendors and offerings the way people type them: "societe generale" is the
catalogue's "Société Générale", "ACME cloud" its "Acme Cloud", "JO@ACME.EXAMPLE" its contact
jo@acme.example. Matched records are updated, never duplicated, and keep their stored spelling."""

import pytest

from interchange.vendor_list.columns import deployment_of, fold
from tests.factories import ContactFactory, OfferingFactory, VendorFactory
from tests.interchange.vendor_lists import HEADER, lines, preview, problems

pytestmark = pytest.mark.django_db


def test_folding_drops_accents_case_and_repeated_spaces():
    assert fold("Société  Générale ") == fold("societe generale") == "societe generale"
    assert fold("STRASSE") == fold("Straße")


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("SaaS", "saas"),
        ("saas", "saas"),
        ("Software as a Service", "saas"),
        ("On-premises", "on_prem"),
        ("on-prem", "on_prem"),
        ("On premise", "on_prem"),
        ("ON PREM", "on_prem"),
        ("Hybrid", "hybrid"),
        ("hybrid (on-premises data plane, SaaS control plane)", "hybrid"),
        ("Cloud-ish", None),
    ],
)
def test_deployment_words_are_read_forgivingly(written, value):
    assert deployment_of(written) == value


def test_a_vendor_offering_and_contact_are_matched_without_accents_or_case(procurement_user):
    vendor = VendorFactory(name="Société Générale", website="https://sg.example", country="")
    OfferingFactory(vendor=vendor, name="SG Clöud", deployment_model="saas")
    ContactFactory(vendor=vendor, name="Jo Doe", email="jo@sg.example")
    record = preview(
        procurement_user,
        [
            HEADER,
            ("  SOCIETE   generale ", "", "France", "sg cloud", "SaaS", "Jo Doe", "JO@SG.EXAMPLE"),
        ],
    )
    assert problems(record) == []
    assert lines(record) == [
        ("vendor", "update", "Société Générale", ("Country:  → France",)),
        ("offering", "unchanged", "SG Clöud", ()),
        ("contact", "unchanged", "Jo Doe", ()),
    ]
    vendor_line = record.preview["lines"][0]
    assert vendor_line["target"] == str(vendor.pk)
    assert vendor_line["as_written"] == "SOCIETE   generale"


def test_a_name_that_matches_two_vendors_only_once_accents_are_dropped_is_a_conflict(
    procurement_user,
):
    # The database tells these apart (it ignores case, not accents): which one is meant?
    VendorFactory(name="Société Générale")
    VendorFactory(name="Societe Generale")
    record = preview(
        procurement_user, [HEADER, ("Société Generale", "", "", "", "", "", "")], name="v.csv"
    )
    assert problems(record) == [
        "The CSV file, row 2, column A (Vendor): “Société Generale” matches “Societe Generale” and "
        "“Société Générale” once accents and case are ignored; write the name exactly as one of "
        "them is spelt."
    ]
    assert record.preview["lines"] == []


def test_the_exact_spelling_picks_one_of_two_vendors_that_fold_alike(procurement_user):
    VendorFactory(name="Société Générale", country="")
    exact = VendorFactory(name="Societe Generale", country="")
    record = preview(procurement_user, [HEADER, ("societe generale", "", "France", "", "", "", "")])
    assert problems(record) == []
    assert record.preview["lines"][0]["target"] == str(exact.pk)


def test_rows_repeating_a_vendor_with_other_spellings_make_one_vendor(procurement_user):
    record = preview(
        procurement_user,
        [
            HEADER,
            ("Müller AG", "muller.example", "", "Vault", "SaaS", "", ""),
            ("MULLER AG", "", "", "Edge", "on-prem", "", ""),
            ("müller  ag", "", "Germany", "", "", "Kim", "kim@muller.example"),
        ],
    )
    assert problems(record) == []
    assert lines(record) == [
        (
            "vendor",
            "create",
            "Müller AG",
            ("Website:  → https://muller.example", "Country:  → Germany"),
        ),
        ("offering", "create", "Vault", ("Deployment:  → SaaS",)),
        ("offering", "create", "Edge", ("Deployment:  → On-premises",)),
        ("contact", "create", "Kim", ("Name:  → Kim",)),
    ]
    assert record.preview["lines"][0]["rows"] == [2, 3, 4]
