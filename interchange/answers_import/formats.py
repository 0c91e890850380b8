"""Reading the rows of a vendor's file in each format we take: CSA's CAIQ v4, our own offline
questionnaire, and a home-made format described by a column mapping. Every refusal names the
sheet, the row and the column, and one bad row refuses the whole file: an import that skipped
rows silently would leave answers nobody knows are missing."""

import re

from django.core.exceptions import ValidationError

from core.text import multi_line_text
from interchange.answers_import.mapping import CAIQ_ID
from interchange.answers_import.suggest import SourceRow, option_for_label, word, yes_no_na
from interchange.tables import Sheet, Tables, cell, column_letter, header_find, normalised_header

MAX_ERRORS_SHOWN = 25
NO_CAIQ_SHEET = (
    "This workbook has no CAIQ sheet (its sheets: {sheets}). Choose the format that matches the "
    "file, or upload the vendor's CAIQ workbook."
)
NO_CAIQ_HEADER = (
    "{sheet}: no header row with “Question ID” and the CAIQ answer column in its first rows. "
    "Is this a CAIQ v4 file?"
)
NO_CAIQ_IDS = "{sheet}: no CAIQ question ids (like A&A-02.1) in the Question ID column."
BAD_CAIQ_ANSWER = "{where}, column {column}: answer “{answer}” is not Yes, No or NA."
REPEATED_ID = "{where}, column {column}: question {id} appears again (first in row {first})."
BAD_TEXT = "{where}, column {column}: {problem}"
NO_OFFLINE_SHEET = (
    "This workbook is not our offline questionnaire: it has no “Questionnaire” sheet. Download "
    "the offline questionnaire from the assessment and have the vendor fill that in."
)
OFFLINE_OTHER_VERSION = (
    "This file was made for “{made_for}”; this assessment uses “{uses}”. Download the offline "
    "questionnaire from this assessment again: its questions may differ."
)
OFFLINE_NO_HEADER = "{sheet}: the header row (Question ID, Answer, Explanation) is missing."
UNKNOWN_QUESTION = "{where}, column {column}: this questionnaire has no question “{id}”."
NOT_AN_OPTION = (
    "{where}, column {column}: “{answer}” is not one of this question's answers; choose one from "
    "the list in the cell."
)
NO_MAPPED_SHEET = "This file has no sheet named “{sheet}”, which the column mapping reads."
MAPPED_NO_HEADER = (
    "{sheet}: no header row with the columns the mapping names ({columns}) in its first rows."
)
OFFLINE_SHEET = "Questionnaire"
OFFLINE_ABOUT_SHEET = "Read me"
OFFLINE_ABOUT_LABEL = "Questionnaire version"


class FileRefused(ValueError):
    def __init__(self, errors: list[str]) -> None:
        shown = errors[:MAX_ERRORS_SHOWN]
        if len(errors) > MAX_ERRORS_SHOWN:
            shown.append(f"… and {len(errors) - MAX_ERRORS_SHOWN} more problems like these.")
        super().__init__(shown[0])
        self.errors = shown


def _refuse_if(errors: list[str]) -> None:
    if errors:
        raise FileRefused(errors)


def _column(header_cells: tuple[str, ...], index: int) -> str:
    name = cell(header_cells, index)
    return f"{column_letter(index)} ({name})" if name else column_letter(index)


def _checked_text(text: str, where: str, column: str, errors: list[str]) -> str:
    try:
        return multi_line_text(text)
    except ValidationError as refused:
        errors.append(BAD_TEXT.format(where=where, column=column, problem=refused.messages[0]))
        return ""


def _header_cells(sheet: Sheet, row: int) -> tuple[str, ...]:
    return next(cells for number, cells in sheet.rows if number == row)


def caiq_rows(tables: Tables) -> dict[str, SourceRow]:
    """CAIQ v4: the sheet named CAIQ (or CAIQv4.0.x), its header found by "Question ID" and the
    CSP's answer column; the CSP's implementation description becomes the notes."""
    sheet = _caiq_sheet(tables)
    header = header_find(
        sheet, {"id": ("question id",), "answer": ("csp caiq answer", "caiq answer", "answer")}
    )
    if header is None:
        raise FileRefused([NO_CAIQ_HEADER.format(sheet=sheet.label)])
    titles = _header_cells(sheet, header.row)
    notes_at = next(
        (
            i
            for i, t in enumerate(titles)
            if normalised_header(t).startswith(("csp implementation description", "notes"))
        ),
        None,
    )
    errors: list[str] = []
    rows: dict[str, SourceRow] = {}
    first_seen: dict[str, int] = {}
    for number, cells in sheet.rows:
        if number <= header.row:
            continue
        source_id = cell(cells, header.columns["id"]).strip()
        if not CAIQ_ID.match(source_id):
            continue  # a title or domain row between the questions
        where = f"{sheet.label}, row {number}"
        if source_id in first_seen:
            errors.append(
                REPEATED_ID.format(
                    where=where,
                    column=_column(titles, header.columns["id"]),
                    id=source_id,
                    first=first_seen[source_id],
                )
            )
            continue
        first_seen[source_id] = number
        answer = cell(cells, header.columns["answer"])
        if yes_no_na(answer) is None:
            column = _column(titles, header.columns["answer"])
            errors.append(BAD_CAIQ_ANSWER.format(where=where, column=column, answer=answer[:80]))
            continue
        notes = _checked_text(cell(cells, notes_at), where, _column(titles, notes_at or 0), errors)
        rows[source_id] = SourceRow(sheet.label, number, source_id, answer, notes)
    _refuse_if(errors)
    if not rows:
        raise FileRefused([NO_CAIQ_IDS.format(sheet=sheet.label)])
    return rows


def _caiq_sheet(tables: Tables) -> Sheet:
    if tables.kind == "csv":
        return tables.sheets[0]
    for sheet in tables.sheets:
        if re.match(r"^caiq", sheet.name.strip().casefold()):
            return sheet
    names = ", ".join(s.name for s in tables.sheets) or "none"
    raise FileRefused([NO_CAIQ_SHEET.format(sheets=names)])


def offline_version_label(questionnaire) -> str:
    return f"{questionnaire.title} ({questionnaire.key} v{questionnaire.version})"


def offline_rows(tables: Tables, structure, questionnaire) -> list[SourceRow]:
    """Our own offline questionnaire (interchange/offline.py) filled in: each row names its
    question by key and its answer by the option's label, as the cell's list offers them."""
    sheet = tables.sheet(OFFLINE_SHEET)
    if sheet is None:
        raise FileRefused([NO_OFFLINE_SHEET])
    about = tables.sheet(OFFLINE_ABOUT_SHEET)
    made_for = ""
    for _, cells in about.rows if about else ():
        if word(cell(cells, 0)) == word(OFFLINE_ABOUT_LABEL):
            made_for = cell(cells, 1)
    uses = offline_version_label(questionnaire)
    if made_for != uses:
        raise FileRefused([OFFLINE_OTHER_VERSION.format(made_for=made_for or "unknown", uses=uses)])
    header = header_find(
        sheet, {"id": ("question id",), "answer": ("answer",), "notes": ("explanation",)}
    )
    if header is None:
        raise FileRefused([OFFLINE_NO_HEADER.format(sheet=sheet.label)])
    titles = _header_cells(sheet, header.row)
    errors: list[str] = []
    rows: list[SourceRow] = []
    for number, cells in sheet.rows:
        if number <= header.row:
            continue
        key = cell(cells, header.columns["id"]).strip()
        answer = cell(cells, header.columns["answer"])
        where = f"{sheet.label}, row {number}"
        question = structure.question(key)
        if question is None:
            errors.append(
                UNKNOWN_QUESTION.format(
                    where=where, column=_column(titles, header.columns["id"]), id=key[:80]
                )
            )
            continue
        if answer and option_for_label(question, answer) is None:
            column = _column(titles, header.columns["answer"])
            errors.append(NOT_AN_OPTION.format(where=where, column=column, answer=answer[:80]))
            continue
        notes_column = _column(titles, header.columns["notes"])
        notes = _checked_text(cell(cells, header.columns["notes"]), where, notes_column, errors)
        if answer or notes:
            rows.append(SourceRow(sheet.label, number, key, answer, notes))
    _refuse_if(errors)
    return rows


def mapped_rows(tables: Tables, mapping) -> list[SourceRow]:
    """A home-made format: the column mapping names the sheet and the header of each column."""
    if mapping.sheet and tables.kind == "xlsx":
        sheet = tables.sheet(mapping.sheet)
        if sheet is None:
            raise FileRefused([NO_MAPPED_SHEET.format(sheet=mapping.sheet)])
    else:
        sheet = tables.sheets[0]
    wanted = {"id": (word(mapping.id_column),), "answer": (word(mapping.answer_column),)}
    if mapping.notes_column:
        wanted["notes"] = (word(mapping.notes_column),)
    header = header_find(sheet, wanted)
    if header is None:
        columns = ", ".join(
            c for c in (mapping.id_column, mapping.answer_column, mapping.notes_column) if c
        )
        raise FileRefused([MAPPED_NO_HEADER.format(sheet=sheet.label, columns=columns)])
    titles = _header_cells(sheet, header.row)
    errors: list[str] = []
    rows: list[SourceRow] = []
    for number, cells in sheet.rows:
        if number <= header.row:
            continue
        source_id = cell(cells, header.columns["id"]).strip()
        if not source_id:
            continue
        where = f"{sheet.label}, row {number}"
        notes_at = header.columns.get("notes")
        notes = _checked_text(cell(cells, notes_at), where, _column(titles, notes_at or 0), errors)
        answer_column = _column(titles, header.columns["answer"])
        answer = _checked_text(cell(cells, header.columns["answer"]), where, answer_column, errors)
        if answer or notes:
            rows.append(SourceRow(sheet.label, number, source_id, answer, notes))
    _refuse_if(errors)
    return rows
