"""The questionnaire as a workbook for a vendor who prefers to answer offline. Each answer cell
offers the question's own options as a list, so the file comes back with answers we can match
exactly (answers_import reads it as the "offline" format); the "Read me" sheet names the
questionnaire version, so a file made for another version is refused rather than misread."""

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from assessments.models import Assessment
from assessments.questionnaire.structure import questionnaire_structure
from core.spreadsheets import neutralised
from interchange.answers_import.formats import (
    OFFLINE_ABOUT_LABEL,
    OFFLINE_ABOUT_SHEET,
    OFFLINE_SHEET,
    offline_version_label,
)

COLUMNS = (
    ("Question ID", 26),
    ("Domain", 24),
    ("Question", 60),
    ("Guidance", 50),
    ("Answer", 40),
    ("Explanation", 60),
)
ANSWER_COLUMN = "E"
NOT_APPLICABLE = "Not applicable"
CHOICES_SHEET = "Choices"


def _read_me(book: Workbook, assessment: Assessment) -> None:
    sheet = book.active
    sheet.title = OFFLINE_ABOUT_SHEET
    offering = assessment.offering
    lines = [
        ("Vendor", offering.vendor.name),
        ("Offering", offering.name),
        (OFFLINE_ABOUT_LABEL, offline_version_label(assessment.questionnaire)),
        ("", ""),
        (
            "How to answer",
            "On the Questionnaire sheet, pick each answer from the list in its Answer cell.",
        ),
        ("", "Explain each answer in your own words in the Explanation column; say what backs it."),
        (
            "",
            "Leave a question blank if you cannot answer it yet. "
            "Do not change the Question ID column.",
        ),
        ("", "Some questions apply only after certain answers; their guidance says so."),
        (
            "",
            "Send the file back as .xlsx: it is imported as your claims, "
            "with the file kept as evidence.",
        ),
    ]
    for label, value in lines:
        sheet.append([neutralised(label), neutralised(value)])
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 100
    for row in sheet.iter_rows(max_col=1):
        row[0].font = Font(bold=True)


def _guidance(question) -> str:
    parts = [question.help.strip()] if question.help else []
    if question.show_if:
        parts.append("Answer only if it applies after your earlier answers (see the question).")
    if question.required:
        parts.append("Required.")
    return "\n".join(p for p in parts if p)


def assessment_offline_questionnaire(*, assessment: Assessment) -> bytes:
    structure = questionnaire_structure(assessment.questionnaire)
    book = Workbook()
    _read_me(book, assessment)
    sheet = book.create_sheet(OFFLINE_SHEET)
    choices = book.create_sheet(CHOICES_SHEET)
    choices.sheet_state = "hidden"  # the lists behind each answer cell
    sheet.append([title for title, _ in COLUMNS])
    for index, (_, width) in enumerate(COLUMNS):
        sheet.column_dimensions[get_column_letter(index + 1)].width = width
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F3A5F")
    sheet.freeze_panes = "C2"
    titles = {d.key: d.title for d in structure.domains}
    for row, question in enumerate(structure.questions, start=2):
        sheet.append(
            [
                neutralised(v)
                for v in (
                    question.key,
                    titles[question.domain_key],
                    question.text,
                    _guidance(question),
                    "",
                    "",
                )
            ]
        )
        labels = [o.label for o in question.options] + (
            [NOT_APPLICABLE] if question.allows_na else []
        )
        choices.append([neutralised(label) for label in labels])
        last = get_column_letter(len(labels))
        # A list from a range, not an inline list: Excel caps inline lists at 255 characters.
        listed = DataValidation(
            type="list",
            formula1=f"={CHOICES_SHEET}!$A${row - 1}:${last}${row - 1}",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Choose from the list",
            error="Pick one of this question's answers from the list.",
        )
        sheet.add_data_validation(listed)
        listed.add(f"{ANSWER_COLUMN}{row}")
        for cell in sheet[row]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
