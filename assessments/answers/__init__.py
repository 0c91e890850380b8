"""Answers: what procurement (or an invited vendor) says about each question, and how it is read.

Where things live:
- services.py   saving answers with optimistic locking; `answer_write` is the one write every path
                uses (single saves, patches, batches, the vendor's portal); `answer_row_ensure`
                the empty row evidence hangs on
- batch.py      many answers at once, all or nothing
- sheet.py      the answer sheet: answers, chosen options, show_if visibility and evidence, read
                once for every page, the API and the report
- form_context.py, form_fragments.py, views.py   the answer form page

Other packages import only what this module lists.
"""

from assessments.answers.batch import AnswerInput, BatchRefused, answers_save_many
from assessments.answers.form_context import domain_views
from assessments.answers.services import (
    UNKNOWN_EVIDENCE_LEVEL,
    UNKNOWN_QUESTION,
    AnswerChange,
    answer_patch,
    answer_reviewer_fields_refuse,
    answer_row_ensure,
    answer_save,
    answer_write,
    summary_refresh_after,
)
from assessments.answers.sheet import AnswerSheet, SheetRow, answer_sheet

__all__ = [
    "UNKNOWN_EVIDENCE_LEVEL",
    "UNKNOWN_QUESTION",
    "AnswerChange",
    "AnswerInput",
    "AnswerSheet",
    "BatchRefused",
    "SheetRow",
    "answer_patch",
    "answer_reviewer_fields_refuse",
    "answer_row_ensure",
    "answer_save",
    "answer_sheet",
    "answer_write",
    "answers_save_many",
    "domain_views",
    "summary_refresh_after",
]
