"""What the import pages show: the upload page's help, and a preview grouped for reading."""

from interchange.models import VendorListImport
from interchange.tables import MAX_FILE_BYTES
from interchange.vendor_list.columns import ROLES, rows_named
from interchange.vendor_list.plan import MAX_LIST_ROWS

KINDS = {"vendor": "Vendor", "offering": "Offering", "contact": "Contact"}
# (count key, how the summary says one, and several), in the order the summary lists them.
SUMMARY = (
    ("vendor_create", "vendor to add", "vendors to add"),
    ("vendor_update", "vendor to update", "vendors to update"),
    ("offering_create", "offering to add", "offerings to add"),
    ("offering_update", "offering to update", "offerings to update"),
    ("contact_create", "contact to add", "contacts to add"),
    ("contact_update", "contact to update", "contacts to update"),
)
EXAMPLE = (
    ("Vendor", "Website", "Country", "Offering", "Deployment", "Contact name", "Contact e-mail"),
    ("Acme", "acme.example", "Germany", "Acme Cloud", "SaaS", "Jo Doe", "jo@acme.example"),
    ("Acme", "", "", "Acme Edge", "On-premises", "", ""),
    ("Société Générale", "", "France", "", "", "", ""),
)


def upload_context() -> dict:
    return {
        "columns": [(label, names) for label, names in ROLES.values()],
        "example": EXAMPLE,
        "max_mb": MAX_FILE_BYTES // (1024 * 1024),
        "max_rows": f"{MAX_LIST_ROWS:,}",
    }


def preview_context(record: VendorListImport) -> dict:
    preview, counts = record.preview, record.counts
    lines = preview.get("lines", [])
    problems = preview.get("problems", [])
    for line in lines:
        line["kind_label"] = KINDS[line["kind"]]
        line["rows_text"] = rows_named(line["rows"]).split(" ", 1)[
            1
        ]  # "4 and 9", "4, 9, 12 and 5 more"
    unchanged = sum(n for key, n in counts.items() if key.endswith("_unchanged"))
    sheet = preview.get("sheet", "")
    return {
        "record": record,
        "preview": preview,
        # "the CSV file", "the Vendors sheet": where the rows were read.
        "source": "the CSV file" if sheet == "The CSV file" else f"the {sheet}",
        "summary": [
            (counts[key], one if counts[key] == 1 else many)
            for key, one, many in SUMMARY
            if counts.get(key)
        ],
        "unchanged_count": unchanged,
        "creations": [x for x in lines if x["action"] == "create"],
        "updates": [x for x in lines if x["action"] == "update"],
        "unchanged": [x for x in lines if x["action"] == "unchanged"],
        "errors": [p for p in problems if p["kind"] == "error"],
        "conflicts": [p for p in problems if p["kind"] == "conflict"],
        "changes": sum(counts.get(key, 0) for key, *_ in SUMMARY),
        "may_confirm": record.status == VendorListImport.Status.PREVIEWED and not problems,
        "open": record.status == VendorListImport.Status.PREVIEWED,
    }
