"""The import pages, as procurement uses them: the vendor list links to them, an .xlsx or a .csv
goes in, the preview lists what would change, Confirm imports it; a refused file says why. Only
the roles that may create vendors get in: an outsider, a viewer and an architect are refused
before any import is looked up."""

import pytest
from django.utils.html import strip_tags

from interchange.models import VendorListImport
from interchange.tables import NOT_XLSX
from tests.factories import VendorFactory
from tests.interchange.vendor_lists import HEADER, csv_bytes, preview, upload, xlsx
from tests.support import files
from tests.support.bidi import without_isolates
from vendors.models import Vendor

pytestmark = pytest.mark.django_db

ROWS = [
    HEADER,
    ("Acme", "acme.example", "Germany", "Acme Cloud", "SaaS", "Jo Doe", "jo@acme.example"),
    ("Globex", "", "France", "", "", "", ""),
]


def _text(response) -> str:
    return " ".join(without_isolates(strip_tags(response.content.decode())).split())


def test_the_vendor_list_links_to_the_import_for_those_who_may_create_vendors(
    client, procurement_user, viewer_user
):
    client.force_login(procurement_user)
    assert 'href="/vendors/import/"' in client.get("/vendors/").content.decode()
    client.force_login(viewer_user)
    assert "/vendors/import/" not in client.get("/vendors/").content.decode()


@pytest.mark.parametrize(
    ("name", "content"), [("vendors.xlsx", xlsx(ROWS)), ("vendors.csv", csv_bytes(ROWS))]
)
def test_an_upload_shows_its_preview_and_confirm_imports_it(
    client, procurement_user, name, content
):
    VendorFactory(name="Globex", country="")
    client.force_login(procurement_user)
    page = client.get("/vendors/import/")
    assert page.status_code == 200
    assert "Contact e-mail" in _text(page) and 'accept=".xlsx,.csv"' in page.content.decode()
    response = client.post("/vendors/import/", {"file": upload(content, name)})
    record = VendorListImport.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/vendors/import/{record.pk}/"
    text = _text(client.get(response["Location"]))
    assert f"Preview of {name}" in text
    assert (
        "1 vendor to add 1 vendor to update 1 offering to add 1 contact to add 0 unchanged" in text
    )
    assert "Country: empty → France" in text
    assert "Import 4 changes" in text
    assert not Vendor.objects.filter(name="Acme").exists()
    done = client.post(f"/vendors/import/{record.pk}/confirm/")
    assert (done.status_code, done["Location"]) == (302, "/vendors/")
    listing = _text(client.get("/vendors/"))
    assert (
        "The vendor list was imported: 1 vendor added, 1 vendor updated, 1 offering added, "
        "1 contact added." in listing
    )
    assert "Acme" in listing
    assert Vendor.objects.get(name="Globex").country == "France"


def test_a_file_with_problems_shows_them_and_offers_no_confirm(client, procurement_user):
    record = preview(procurement_user, [*ROWS, ("Initech", "", "", "Box", "Cloud-ish", "", "")])
    client.force_login(procurement_user)
    text = _text(client.get(f"/vendors/import/{record.pk}/"))
    assert "This file cannot be imported yet" in text
    assert (
        "Vendors sheet, row 4, column E (Deployment): deployment “Cloud-ish” is not SaaS, "
        "On-premises or Hybrid." in text
    )
    assert "Import" not in text.split("This file cannot be imported yet")[1].split("To add")[0]
    refused = client.post(f"/vendors/import/{record.pk}/confirm/")
    assert refused.status_code == 400
    assert not Vendor.objects.exists()


def test_a_refused_file_says_why_on_the_upload_page(client, procurement_user):
    client.force_login(procurement_user)
    response = client.post("/vendors/import/", {"file": upload(files.PDF, "vendors.xlsx")})
    assert response.status_code == 400
    assert NOT_XLSX in _text(response)
    assert not VendorListImport.objects.exists()


def test_discard_forgets_the_preview(client, procurement_user):
    record = preview(procurement_user, ROWS)
    client.force_login(procurement_user)
    response = client.post(f"/vendors/import/{record.pk}/discard/")
    assert (response.status_code, response["Location"]) == (302, "/vendors/import/")
    record.refresh_from_db()
    assert record.status == VendorListImport.Status.DISCARDED
    assert "Discarded" in _text(client.get(f"/vendors/import/{record.pk}/"))


@pytest.mark.parametrize("who", ["outsider_user", "viewer_user", "architect_user"])
def test_roles_that_may_not_create_vendors_are_refused(client, request, procurement_user, who):
    record = preview(procurement_user, ROWS)
    client.force_login(request.getfixturevalue(who))
    assert client.get("/vendors/import/").status_code == 403
    assert client.post("/vendors/import/", {"file": upload(xlsx(ROWS))}).status_code == 403
    assert client.get(f"/vendors/import/{record.pk}/").status_code == 403
    assert client.post(f"/vendors/import/{record.pk}/confirm/").status_code == 403
    assert client.post(f"/vendors/import/{record.pk}/discard/").status_code == 403
    record.refresh_from_db()
    assert record.status == VendorListImport.Status.PREVIEWED
    assert VendorListImport.objects.count() == 1


def test_signed_out_visitors_are_sent_to_sign_in(client):
    assert client.get("/vendors/import/")["Location"].startswith("/accounts/login/?next=")
