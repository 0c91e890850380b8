"""The context of the assessment form page, built with a fixed number of queries.

The answers come from the answer sheet (sheet.py); open clarification requests are one more query.
Everything the template needs is prepared here as plain objects, so the template does no lookups
and the page costs about the same as a plain template over in-memory data.
"""

import json
import uuid
from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model

from assessments.answers.form_fragments import NA_VALUE, levels_html, options_html
from assessments.answers.services import REVIEWER_LEVELS
from assessments.answers.sheet import AnswerSheet, SheetRow, answer_sheet
from assessments.clarifications import clarification_requests
from assessments.models import Assessment, Comment, Evidence, EvidenceDocument, EvidenceLevel
from core.compiled import CompiledQuery
from core.permissions import can_answer, can_review


@dataclass
class QuestionView:
    """Flat on purpose: every attribute the template reads is one lookup away."""

    key: str
    text: str
    help: str
    required: bool
    version: int
    explanation: str
    """What the textarea holds: the buyer's notes, or on the vendor's form the vendor's words."""
    options_html: str
    levels_html: str
    evidence: list[Evidence]
    hidden: bool
    answered: bool
    show_if_json: str = ""
    clarifications: list = field(default_factory=list)
    vendor_contact: str = ""  # the invited vendor contact whose claim this answer is
    vendor_explanation: str = ""  # internal pages: what the vendor wrote, shown beside our notes


@dataclass
class DomainView:
    key: str
    title: str
    description: str
    questions: list[QuestionView] = field(default_factory=list)

    @property
    def applicable(self) -> int:
        return sum(1 for q in self.questions if not q.hidden)

    @property
    def answered(self) -> int:
        return sum(1 for q in self.questions if not q.hidden and q.answered)


def _level_choices(reviewer: bool, current: str | None) -> tuple[tuple[str, str], ...]:
    if reviewer:
        return tuple(EvidenceLevel.choices)
    allowed = [(v, label) for v, label in EvidenceLevel.choices if v not in REVIEWER_LEVELS]
    if current in REVIEWER_LEVELS:
        allowed.append((current, EvidenceLevel(current).label))
    return tuple(allowed)


def question_view(
    row: SheetRow, *, level_choices: tuple[tuple[str, str], ...], vendor_side: bool = False
) -> QuestionView:
    """One question as the form shows it; the vendor's form (assessments/portal/context.py,
    `vendor_side`) uses it too, offering only the claim level, naming no contact and holding the
    vendor's own words, never the buyer's notes."""
    answer, question = row.answer, row.question
    level = answer.evidence_level if answer else EvidenceLevel.CLAIM
    chosen = NA_VALUE if row.is_na else (row.option.key if row.option else None)
    return QuestionView(
        key=question.key,
        text=question.text,
        help=question.help,
        required=question.required,
        version=answer.version if answer else 0,
        explanation=(answer.vendor_explanation if vendor_side else answer.explanation)
        if answer
        else "",
        options_html=options_html(question, chosen),
        levels_html=levels_html(level_choices, level),
        evidence=list(row.evidence),
        hidden=row.hidden,
        answered=row.answered,
        show_if_json=json.dumps(question.show_if) if question.show_if else "",
        vendor_contact=answer.answered_by_contact.name
        if not vendor_side and answer and answer.answered_by_contact_id
        else "",
        vendor_explanation=answer.vendor_explanation if answer and not vendor_side else "",
    )


def domain_views(
    sheet: AnswerSheet,
    *,
    level_choices: Callable[[SheetRow], tuple[tuple[str, str], ...]],
    vendor_side: bool = False,
    domain_keys: Collection[str] | None = None,
) -> list[DomainView]:
    """The sheet's domains (or only `domain_keys`) as the form shows them."""
    views = []
    for part in sheet.domains:
        domain = part.domain
        if domain_keys is not None and domain.key not in domain_keys:
            continue
        view = DomainView(domain.key, domain.title, domain.description)
        view.questions = [
            question_view(row, level_choices=level_choices(row), vendor_side=vendor_side)
            for row in part.rows
        ]
        views.append(view)
    return views


_OPEN_CLARIFICATIONS = CompiledQuery(
    lambda pk: Comment.objects.filter(
        assessment_id=pk, kind=Comment.Kind.CLARIFICATION, resolved_at__isnull=True
    ).order_by("created_at", "id"),
    uuid.UUID(int=0xF0E3),
)


def _open_clarifications(assessment: Assessment) -> list[Comment]:
    comments = _OPEN_CLARIFICATIONS.all(assessment.pk)
    if comments:
        authors = get_user_model().objects.in_bulk({c.author_id for c in comments})
        for comment in comments:
            comment.author = authors[comment.author_id]
    return comments


def assessment_form_context(*, assessment: Assessment, user) -> dict:
    reviewer = can_review(user)
    domains = domain_views(
        answer_sheet(assessment=assessment),
        level_choices=lambda row: _level_choices(
            reviewer, row.answer.evidence_level if row.answer else None
        ),
    )
    clarifications = _open_clarifications(assessment)
    by_question: dict[str, list[Comment]] = {}
    for comment in clarifications:
        by_question.setdefault(comment.question_key, []).append(comment)
    for domain in domains:
        for view in domain.questions:
            view.clarifications = by_question.get(view.key, [])
    editable = assessment.is_editable and can_answer(user)
    return {
        "assessment": assessment,
        "domains": domains,
        "editable": editable,
        # Attaching evidence is part of answering (the API allows procurement and admin); a
        # reviewer records what they verified with the evidence level and a comment.
        "can_add_evidence": editable,
        # Saying what a document is at upload: its page then asks that kind's facts.
        "document_kinds": EvidenceDocument.Kind.choices,
        "clarifications": clarification_requests(assessment=assessment) if clarifications else [],
        "answered_total": sum(d.answered for d in domains),
        "applicable_total": sum(d.applicable for d in domains),
    }
