"""An import is recorded as one catalogue event naming the file by its name, size and SHA-256,
with the counts of what it did; each vendor's own history shows the changes made to it, read as
sentences."""

import hashlib

import pytest
from django.utils.html import strip_tags

from interchange.vendor_list.services import vendor_list_import_apply
from tests.factories import OfferingFactory, VendorFactory
from tests.interchange.vendor_lists import HEADER, csv_bytes, preview
from tests.support.bidi import without_isolates
from vendors.models import CatalogueEvent, Vendor

pytestmark = pytest.mark.django_db

ROWS = [
    HEADER,
    ("Acme", "", "", "Acme Cloud", "Hybrid", "Jo Doe", "jo@acme.example"),
    ("Globex", "globex.example", "France", "Globex DLP", "SaaS", "", ""),
]


def test_the_import_is_one_event_with_the_files_sha256_and_counts(procurement_user):
    acme = VendorFactory(name="Acme")
    OfferingFactory(vendor=acme, name="Acme Cloud", deployment_model="saas")
    record = preview(procurement_user, ROWS, name="our vendors.csv")
    vendor_list_import_apply(actor=procurement_user, import_id=record.pk)
    event = CatalogueEvent.objects.get(action="vendor_list.imported")
    content = csv_bytes(ROWS)
    assert (event.vendor, event.actor, event.subject) == (None, procurement_user, "our vendors.csv")
    assert event.new == {
        "import": str(record.pk),
        "file": "our vendors.csv",
        "sha256": hashlib.sha256(content).hexdigest(),
        "size": len(content),
        "rows": 2,
        "vendor_unchanged": 1,
        "vendor_create": 1,
        "offering_update": 1,
        "offering_create": 1,
        "contact_create": 1,
    }
    globex = Vendor.objects.get(name="Globex")
    assert list(globex.events.values_list("action", "subject")) == [
        ("vendor.created", ""),
        ("offering.created", "Globex DLP"),
    ]
    assert list(acme.events.values_list("action", "subject", "old", "new")) == [
        (
            "offering.updated",
            "Acme Cloud",
            {"deployment_model": "saas"},
            {"deployment_model": "hybrid"},
        ),
        (
            "contact.created",
            "Jo Doe",
            None,
            {"name": "Jo Doe", "email": "jo@acme.example", "role": ""},
        ),
    ]


def test_the_vendors_history_reads_the_imported_changes_as_sentences(client, procurement_user):
    acme = VendorFactory(name="Acme")
    OfferingFactory(vendor=acme, name="Acme Cloud", deployment_model="saas")
    record = preview(procurement_user, ROWS)
    vendor_list_import_apply(actor=procurement_user, import_id=record.pk)
    client.force_login(procurement_user)
    page = without_isolates(strip_tags(client.get(f"/vendors/{acme.pk}/").content.decode()))
    page = " ".join(page.split())
    assert "pat changed an offering: Acme Cloud deployment was “SaaS”" in page
    assert "pat added a contact: Jo Doe" in page
