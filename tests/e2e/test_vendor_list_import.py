"""Procurement brings the team's vendor list in a real browser: from the vendor list to the
import page, an .xlsx with a new vendor, an update and a bad row; the preview names the bad cell
and offers no confirmation; the corrected file is previewed, confirmed, and its vendors are on
the vendor list."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import login
from tests.factories import TEST_PASSWORD, VendorFactory
from tests.interchange.vendor_lists import HEADER, xlsx
from vendors.models import Vendor

pytestmark = pytest.mark.django_db(transaction=True)

GOOD = [
    HEADER,
    (
        "Acme Edge Security",
        "acme-edge.example",
        "Germany",
        "Acme PQ Gateway",
        "Hybrid",
        "Jo Doe",
        "jo@acme-edge.example",
    ),
    ("societe generale", "", "France", "", "", "", ""),
]
BAD = [*GOOD, ("Initech", "", "", "Initech Box", "Cloud-ish", "", "")]


def test_procurement_previews_fixes_and_imports_a_vendor_list(page, procurement_user, tmp_path):
    VendorFactory(name="Société Générale", country="", website="")
    login(page, procurement_user.username, TEST_PASSWORD)
    page.get_by_role("link", name="Vendors").first.click()
    page.get_by_role("link", name="Import vendors").click()
    expect(page.get_by_role("heading", name="Import vendors")).to_be_visible()

    bad = tmp_path / "vendors.xlsx"
    bad.write_bytes(xlsx(BAD))
    page.get_by_label("Your vendor list (.xlsx or .csv)").set_input_files(str(bad))
    page.get_by_role("button", name="Upload and preview").click()
    expect(page.get_by_role("heading", name="This file cannot be imported yet")).to_be_visible()
    expect(page.locator(".vendor-import-problems")).to_contain_text(
        "Vendors sheet, row 4, column E (Deployment): deployment “Cloud-ish” is not SaaS, "
        "On-premises or Hybrid."
    )
    expect(page.get_by_role("button", name="Import 4 changes")).to_have_count(0)
    page.get_by_role("link", name="Upload a corrected file").click()

    good = tmp_path / "vendors-fixed.xlsx"
    good.write_bytes(xlsx(GOOD))
    page.get_by_label("Your vendor list (.xlsx or .csv)").set_input_files(str(good))
    page.get_by_role("button", name="Upload and preview").click()
    expect(page.get_by_role("heading", name="To add (3)")).to_be_visible()
    expect(page.get_by_role("heading", name="To update (1)")).to_be_visible()
    updates = page.get_by_role("region", name="To update (1)")
    expect(updates).to_contain_text("Country: empty → France")
    assert not Vendor.objects.filter(name="Acme Edge Security").exists()  # nothing before confirm

    page.get_by_role("button", name="Import 4 changes").click()
    expect(page.get_by_role("heading", name="Vendors")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text(
        "The vendor list was imported: 1 vendor added, 1 vendor updated, 1 offering added, "
        "1 contact added."
    )
    expect(page.get_by_role("link", name="Acme Edge Security")).to_be_visible()
    assert Vendor.objects.get(name="Société Générale").country == "France"
