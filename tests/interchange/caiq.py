"""A CAIQ v4 workbook in the official layout, made by the tests: a few title rows, the header
row the CCM workbook's CAIQ sheet has, then one row per question id. The question text is our own
placeholder; no CSA text is shipped or generated."""

import io

import yaml
from openpyxl import Workbook

from interchange.answers_import.mapping import MAPPINGS_DIR

HEADER = (
    "Question ID",
    "Question",
    "CSP CAIQ Answer",
    "SSRM Control Ownership",
    "CSP Implementation Description (Optional/Recommended)",
    "CSC Responsibilities (Optional/Recommended)",
    "CCM Control ID",
    "CCM Control Specification",
    "CCM Control Title",
    "CCM Domain Title",
)
SHEET = "CAIQv4.0.3"
FIRST_QUESTION_ROW = 4


def mapped_ids() -> list[str]:
    with (MAPPINGS_DIR / "caiq-v4.0.yaml").open() as handle:
        links = yaml.safe_load(handle)["links"]
    return sorted({s for link in links for s in link["sources"]})


def caiq_rows(answers: dict[str, tuple[str, str]], *, extra_ids=("GRC-01.1", "HRS-02.1")):
    """(id, answer, notes) for every id the shipped mapping reads plus a few it does not; ids not
    in `answers` are left blank, as a vendor leaves questions it skips."""
    ids = sorted(set(mapped_ids()) | set(extra_ids) | set(answers))
    return [(i, *answers.get(i, ("", ""))) for i in ids]


def caiq_workbook(rows, *, sheet=SHEET, sheets_before=("Introduction", "CCMv4.0.3")) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for name in sheets_before:
        book.create_sheet(name).append(["Made by the tests"])
    page = book.create_sheet(sheet)
    page.append(["Consensus Assessments Initiative Questionnaire v4.0.3 (test copy)"])
    page.append(["Vendor: Test vendor"])
    page.append(list(HEADER))
    for source_id, answer, notes in rows:
        control = source_id.split(".")[0]
        page.append(
            [
                source_id,
                f"Placeholder question {source_id}",
                answer,
                "CSP-owned",
                notes,
                "",
                control,
                f"Placeholder specification {control}",
                "",
                "",
            ]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def row_of(rows, source_id: str) -> int:
    return FIRST_QUESTION_ROW + [r[0] for r in rows].index(source_id)
