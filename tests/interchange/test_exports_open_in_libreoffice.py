"""The exports open in a real spreadsheet program: LibreOffice Calc, headless, converts the
workbook and the CSV to PDF without an error, and what it prints holds the assessment."""

import shutil
import subprocess

import pytest

from interchange.export import assessment_export_csv, assessment_export_xlsx
from tests.interchange.test_assessment_export import answered  # noqa: F401 -- the fixture

pytestmark = pytest.mark.django_db

SOFFICE = shutil.which("soffice")


def _convert(tmp_path, name: str, content: bytes) -> str:
    source = tmp_path / name
    source.write_bytes(content)
    run = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "out"),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    pdf = tmp_path / "out" / source.with_suffix(".pdf").name
    assert pdf.exists() and pdf.stat().st_size > 1000, run.stdout + run.stderr
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text


@pytest.mark.skipif(
    SOFFICE is None, reason="make test installs LibreOffice (scripts/install-system-deps.sh)"
)
def test_the_workbook_and_the_csv_open_in_libreoffice(tmp_path, answered):  # noqa: F811
    workbook = _convert(tmp_path, "answers.xlsx", assessment_export_xlsx(assessment=answered))
    # The vendor's "names" show as the text they are: not evaluated (no "2"), not a link.
    assert "'@SUM(1+1)" in workbook and '\'=HYPERLINK("http://evil")' in workbook
    assert "Vendor" in workbook and "Revision" in workbook
    table = _convert(tmp_path, "answers.csv", assessment_export_csv(assessment=answered))
    assert "Question key" in table
