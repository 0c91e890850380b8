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


@pytest.mark.skipif(
    SOFFICE is None, reason="make test installs LibreOffice (scripts/install-system-deps.sh)"
)
def test_an_offline_questionnaire_saved_again_by_libreoffice_still_imports(
    tmp_path, questionnaire_v3, procurement_user
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from assessments.lifecycle.services import assessment_create
    from assessments.questionnaire.structure import questionnaire_structure
    from interchange.answers_import.services import OFFLINE, answers_import_preview
    from interchange.offline import assessment_offline_questionnaire
    from tests.factories import OfferingFactory
    from tests.interchange.test_offline_questionnaire import _filled

    assessment = assessment_create(
        actor=procurement_user, offering=OfferingFactory(), questionnaire=questionnaire_v3
    )
    structure = questionnaire_structure(questionnaire_v3)
    filled, chosen = _filled(assessment_offline_questionnaire(assessment=assessment), structure)
    source = tmp_path / "filled.xlsx"
    source.write_bytes(filled)
    run = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(tmp_path / "calc"),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    resaved = (tmp_path / "calc" / "filled.xlsx").read_bytes()
    assert resaved != filled
    record = answers_import_preview(
        actor=procurement_user,
        assessment_pk=assessment.pk,
        upload=SimpleUploadedFile("filled.xlsx", resaved),
        source_format=OFFLINE,
    )
    items = {i["question"]: i for i in record.preview["items"]}
    assert set(items) == set(chosen)
    assert {i["confidence"] for i in items.values()} == {"exact"}
