"""The preview of a 1,000-row vendor list against a catalogue of 300 vendors (issue 24).

    python bench/bench_vendor_import.py [--quick]

The file (an .xlsx made with openpyxl, and the same rows as CSV) has 1,000 rows: 400 name one of
the 300 stored vendors, typed in other cases and without accents, with an offering and a contact
each; 600 add 300 new vendors, two rows each. Subject: `vendor_list_import_preview`, the whole
service behind the upload (read the file, check every cell, match against the catalogue, store
the preview). Baseline: reading the same file alone (`interchange.tables.tables_read`), in the
same run, interleaved. Target: the preview in under 5 s; SQL queries constant in the rows.
Confirming the same list (the writes, through the vendor services) is timed three times, each
rolled back, for information (not in --quick). PostgreSQL (bench.servers.own_database), as in
production.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import bench_user, interleaved, measure, print_rows, row, setup_django

STORED_VENDORS = 300
ROWS = 1000
HEADER = (
    "Vendor",
    "Website",
    "Country",
    "Offering",
    "Deployment",
    "Contact name",
    "Contact e-mail",
    "Notes",
)


def _catalogue(procurement) -> None:
    """300 vendors with accented names, an offering and a contact each, made in bulk."""
    from vendors.models import Contact, Offering, Vendor

    vendors = Vendor.objects.bulk_create(
        Vendor(name=f"Société Générale {i:03d}", website=f"https://v{i}.example", country="France")
        for i in range(STORED_VENDORS)
    )
    Offering.objects.bulk_create(
        Offering(vendor=v, name=f"Plateforme {i}", deployment_model="saas")
        for i, v in enumerate(vendors)
    )
    Contact.objects.bulk_create(
        Contact(vendor=v, name=f"Contact {i}", email=f"c{i}@v{i}.example")
        for i, v in enumerate(vendors)
    )


def _rows() -> list[tuple]:
    rows = [HEADER]
    for i in range(400):  # stored vendors, another spelling; some values change
        n = i % STORED_VENDORS
        deployment = "Hybrid" if i % 3 == 0 else "SaaS"
        rows.append(
            (
                f"SOCIETE GENERALE {n:03d}",
                f"v{n}.example" if i % 4 else f"https://www.v{n}.example",
                "France",
                f"plateforme {n}" if i < STORED_VENDORS else f"Nouveau {n}",
                deployment,
                f"Contact {n}",
                f"C{n}@V{n}.EXAMPLE" if i < STORED_VENDORS else f"new{n}@v{n}.example",
                "",
            )
        )
    for i in range(600):  # 300 new vendors, two rows each
        n = i // 2
        rows.append(
            (
                f"Nouveau fournisseur {n:03d}",
                f"new{n}.example" if i % 2 == 0 else "",
                "Germany",
                f"Product {n}-{i % 2}",
                "on-prem" if i % 2 else "SaaS",
                f"Person {i}",
                f"p{i}@new{n}.example",
                "Imported for the bench",
            )
        )
    return rows


def _xlsx(rows) -> bytes:
    import io

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Vendors"
    for r in rows:
        sheet.append(list(r))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _csv(rows) -> bytes:
    import csv
    import io

    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode()


def _queries(fn) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        fn()
    return len(queries)


def _case(procurement, name: str, content: bytes, file_name: str, quick: bool) -> dict:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from interchange.tables import tables_read
    from interchange.vendor_list.services import vendor_list_import_preview

    def preview():
        upload = SimpleUploadedFile(file_name, content)
        return vendor_list_import_preview(actor=procurement, upload=upload)

    record = preview()
    assert record.preview["rows"] == ROWS, record.preview["rows"]
    assert not record.preview["problems"], record.preview["problems"][:3]
    subject, plain = interleaved(
        preview, lambda: tables_read(content=content, file_name=file_name), 3 if quick else 10
    )
    return row(name, subject, plain, queries=_queries(preview), size=ROWS, record=str(record.pk))


def _confirm_row(procurement, import_id: str) -> dict:
    from django.db import transaction

    from interchange.vendor_list.services import vendor_list_import_apply

    def confirm():
        with transaction.atomic():
            done = vendor_list_import_apply(actor=procurement, import_id=import_id)
            transaction.set_rollback(True)
        return done

    return row(
        f"confirm the same {ROWS} rows (writes, rolled back)",
        measure(confirm, 3, warmup=0),
        None,
        queries=_queries(confirm),
        size=ROWS,
    )


def run(quick: bool = False) -> list[dict]:
    from bench.servers import own_database

    setup_django(own_database("vendor_import"))
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    procurement = bench_user("procurement")
    _catalogue(procurement)
    rows = _rows()
    assert len(rows) == ROWS + 1
    xlsx_case = _case(
        procurement,
        f"preview, {ROWS} rows .xlsx, {STORED_VENDORS} vendors stored",
        _xlsx(rows),
        "vendors.xlsx",
        quick,
    )
    csv_case = _case(
        procurement,
        f"preview, {ROWS} rows .csv, {STORED_VENDORS} vendors stored",
        _csv(rows),
        "vendors.csv",
        quick,
    )
    record = csv_case.pop("record")
    xlsx_case.pop("record")
    if quick:  # the writes take seconds and gate nothing: the full run records them
        return [xlsx_case, csv_case]
    return [xlsx_case, csv_case, _confirm_row(procurement, record)]


if __name__ == "__main__" and "--json" in sys.argv:
    from bench.common import bench_main

    bench_main(run, sys.argv)
elif __name__ == "__main__":
    results = run(quick="--quick" in sys.argv)
    print_rows(results)
    for r in results:
        print(f"{r['name']}: {r['queries']} SQL queries")
