"""One assessment as a workbook: a metadata sheet (who, what, the grade and the digest of its
scorecard), one sheet per domain with every answer, its evidence and the reviewer's verdicts, and
a findings sheet; or the same answers as one CSV. Every cell goes through core.spreadsheets, so
nothing a vendor typed can run as a formula when the file is opened.

Written while the browser waits up to EXPORT_INLINE_MAX_ANSWERS rows; a larger export is a report
job (reports/), written by a worker and downloaded from its status page."""

import csv
import hashlib
import io
import re

from django.utils import timezone
from openpyxl import Workbook

from assessments.answers import answer_sheet
from assessments.models import Assessment
from assessments.summary import summaries_ensure
from core.spreadsheets import neutralised
from scoring import canonical_json

ANSWER_COLUMNS = (
    "Domain",
    "Question key",
    "Question",
    "Answer",
    "Score",
    "Override",
    "Override reason",
    "Evidence level set",
    "Evidence level counted",
    "Valid until",
    "Vendor's explanation",
    "Our notes",
    "Evidence",
    "Finding",
    "Finding severity",
    "Risk accepted",
)
FINDING_COLUMNS = (
    "Severity",
    "Title",
    "Why it matters",
    "Domain",
    "Question",
    "Status",
    "Accepted because",
)
# Up to this many answer rows the file is written in the request; more, and a worker writes it
# (issue 24). The time grows with the rows (each reads its evidence and verdicts, and the scorecard
# is computed): the shipped questionnaires, about 94 questions, take around a tenth of a second, so
# they stay immediate with room to spare, while a questionnaire several times larger, with its
# evidence, would start holding a web process and the browser for seconds. A module constant, not
# a setting: tests monkeypatch it to take the job path with the shipped questionnaires.
EXPORT_INLINE_MAX_ANSWERS = 300
# Excel's rules for a sheet's name: at most 31 characters, none of []:*?/\
_SHEET_UNSAFE = re.compile(r"[\[\]:*?/\\]")


def _evidence_words(row) -> str:
    parts = []
    for e in row.evidence:
        name = e.original_name or e.url
        document = getattr(e, "document", None) if hasattr(e, "document") else None
        if document is not None:
            name += (
                f" ({document.label}; scope: {', '.join(document.scope_products) or 'none named'})"
            )
        if e.sha256:
            name += f" sha256 {e.sha256}"
        parts.append(name)
    return "\n".join(parts)


def _answer_rows(sheet, card: dict):
    traces = {t["key"]: t for t in card["trace"]}
    findings = {f["question"]: f for f in card["findings"]}
    titles = {d.key: d.title for d in sheet.structure.domains}
    for row in sheet.rows:
        if row.hidden:
            continue
        answer, trace, finding = row.answer, traces.get(row.key, {}), findings.get(row.key, {})
        yield [
            titles.get(row.question.domain_key, row.question.domain_key),
            row.key,
            row.question.text,
            row.answer_label or "Not answered",
            trace.get("raw_score"),
            answer.override_score if answer else None,
            answer.override_justification if answer else "",
            answer.evidence_level if answer else "",
            trace.get("evidence_level") or "",
            answer.evidence_valid_until if answer else None,
            answer.vendor_explanation if answer else "",
            answer.explanation if answer else "",
            _evidence_words(row),
            finding.get("title", ""),
            finding.get("severity", ""),
            "yes" if finding.get("accepted") else "",
        ]


def _metadata(assessment: Assessment, card: dict) -> list[tuple[str, object]]:
    digest = hashlib.sha256(canonical_json(card)).hexdigest()
    offering = assessment.offering
    return [
        ("Vendor", offering.vendor.name),
        ("Offering", offering.name),
        ("Revision", assessment.revision),
        ("Questionnaire", f"{assessment.questionnaire.title} v{assessment.questionnaire.version}"),
        ("Status", assessment.get_status_display()),
        ("Grade", card["grade"]),
        ("Recommendation", card["recommendation"].replace("_", " ")),
        ("Claimed", card["claimed"]),
        ("Evidenced", card["evidenced"]),
        ("Gap", card["gap"]),
        ("Answered", f"{card['coverage']['answered']} of {card['coverage']['applicable']}"),
        ("Scorecard SHA-256", digest),
        ("Exported at", timezone.localtime().strftime("%Y-%m-%d %H:%M %Z")),
    ]


def _sheet_title(title: str, used: set[str]) -> str:
    base = _SHEET_UNSAFE.sub(" ", title).strip()[:28] or "Domain"
    name, n = base, 1
    while name.lower() in used:
        n += 1
        name = f"{base[:26]} {n}"
    used.add(name.lower())
    return name


def _finding_rows(card: dict, titles: dict[str, str]):
    for f in card["findings"]:
        yield [
            f["severity"],
            f["title"],
            f["rationale"],
            titles.get(f["domain"], f["domain"]),
            f["question_text"],
            "accepted" if f["accepted"] else "open",
            f["acceptance_justification"],
        ]


def answers_export_rows(assessment: Assessment) -> int:
    """How many answer rows the export has: the questions on show, whether answered, answered
    "not applicable" or still open. Read from the stored summary, so deciding costs no scoring:
    the questions to review are the answered and "not applicable" ones, and the applicable ones
    not yet answered are the rest."""
    summary = summaries_ensure([assessment])[0].summary
    return summary.to_review + summary.applicable - summary.answered


def answers_export_is_large(rows: int) -> bool:
    """Whether an export of `rows` answer rows is written by a worker instead of the request."""
    return rows > EXPORT_INLINE_MAX_ANSWERS


def assessment_export_xlsx(*, assessment: Assessment) -> bytes:
    sheet = answer_sheet(assessment=assessment)
    card = sheet.scorecard.to_dict()
    titles = {d.key: d.title for d in sheet.structure.domains}
    book = Workbook(write_only=True)
    meta = book.create_sheet("About")
    for label, value in _metadata(assessment, card):
        meta.append([neutralised(label), neutralised(value)])
    used = {"about", "findings"}
    by_domain: dict[str, list] = {}
    for record in _answer_rows(sheet, card):
        by_domain.setdefault(record[0], []).append(record)
    for title, records in by_domain.items():
        page = book.create_sheet(_sheet_title(title, used))
        page.append(list(ANSWER_COLUMNS[1:]))
        for record in records:
            # openpyxl stores a str that begins with "=" as a formula: the quote that
            # neutralised() puts first is what keeps it a string cell.
            page.append([neutralised(v) for v in record[1:]])
    findings = book.create_sheet("Findings")
    findings.append(list(FINDING_COLUMNS))
    for record in _finding_rows(card, titles):
        findings.append([neutralised(v) for v in record])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def assessment_export_csv(*, assessment: Assessment) -> bytes:
    sheet = answer_sheet(assessment=assessment)
    card = sheet.scorecard.to_dict()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(ANSWER_COLUMNS)
    for record in _answer_rows(sheet, card):
        writer.writerow([neutralised("" if v is None else v) for v in record])
    # A byte-order mark, so that Excel opens the UTF-8 file with its accents intact.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def export_filename(assessment: Assessment, extension: str) -> str:
    name = re.sub(
        r"[^A-Za-z0-9]+", "-", f"{assessment.offering.vendor.name} {assessment.offering.name}"
    )
    return f"{name.strip('-')[:60] or 'assessment'}-r{assessment.revision}.{extension}"
