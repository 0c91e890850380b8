"""The context of the assessment form page, built with a fixed number of queries.

The questionnaire tree comes from the structure cache; answers and evidence are one query each.
Everything the template needs is prepared here as plain objects, so the template does no lookups
and the page costs about the same as a plain template over in-memory data.
"""

import json
import uuid
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model

from assessments.answers.form_fragments import NA_VALUE, levels_html, options_html
from assessments.answers.services import REVIEWER_LEVELS
from assessments.models import Answer, Assessment, Comment, Evidence, EvidenceLevel
from assessments.questionnaire.structure import QuestionNode, Structure, questionnaire_structure
from core.compiled import CompiledQuery
from core.permissions import can_answer, can_review
from vendors.models import Contact


@dataclass
class QuestionView:
    """Flat on purpose: every attribute the template reads is one lookup away."""

    key: str
    text: str
    help: str
    required: bool
    version: int
    explanation: str
    options_html: str
    levels_html: str
    evidence: list[Evidence]
    hidden: bool
    answered: bool
    show_if_json: str = ""
    clarifications: list = field(default_factory=list)
    vendor_contact: str = ""  # the invited vendor contact whose claim this answer is


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


def hidden_questions(structure: Structure, chosen: dict[str, str | None]) -> set[str]:
    """Questions hidden by show_if, given each question's chosen option key."""
    hidden: set[str] = set()
    for question in structure.questions:  # file order: parents always come first
        condition = question.show_if
        if condition and (
            condition["question"] in hidden
            or chosen.get(condition["question"]) not in condition["any_of"]
        ):
            hidden.add(question.key)
    return hidden


def _level_choices(reviewer: bool, current: str | None) -> tuple[tuple[str, str], ...]:
    if reviewer:
        return tuple(EvidenceLevel.choices)
    allowed = [(v, label) for v, label in EvidenceLevel.choices if v not in REVIEWER_LEVELS]
    if current in REVIEWER_LEVELS:
        allowed.append((current, EvidenceLevel(current).label))
    return tuple(allowed)


def question_view(
    question: QuestionNode,
    answer: Answer | None,
    chosen: str | None,
    evidence: list[Evidence],
    hidden: bool,
    *,
    level_choices: tuple[tuple[str, str], ...],
    attribute_vendor: bool = True,
) -> QuestionView:
    """One question as the form shows it; the vendor's form (assessments.vendor_context) uses it
    too, offering only the claim level and naming no contact."""
    level = answer.evidence_level if answer else EvidenceLevel.CLAIM
    return QuestionView(
        key=question.key,
        text=question.text,
        help=question.help,
        required=question.required,
        version=answer.version if answer else 0,
        explanation=answer.explanation if answer else "",
        options_html=options_html(question, NA_VALUE if answer and answer.is_na else chosen),
        levels_html=levels_html(level_choices, level),
        evidence=evidence,
        hidden=hidden,
        answered=answer is not None and (answer.option_id is not None or answer.is_na),
        show_if_json=json.dumps(question.show_if) if question.show_if else "",
        vendor_contact=answer.answered_by_contact.name
        if attribute_vendor and answer and answer.answered_by_contact_id
        else "",
    )


# The page's three reads of its assessment, compiled to SQL once per process (core.compiled):
# building their SQL cost about a tenth of the page's time (BENCHMARKS.md, form page).
_PLACEHOLDER = uuid.UUID(int=0xF0E3)
_ANSWERS = CompiledQuery(lambda pk: Answer.objects.filter(assessment_id=pk), _PLACEHOLDER)
_EVIDENCE = CompiledQuery(
    lambda pk: Evidence.objects.filter(answer__assessment_id=pk).order_by("created_at"),
    _PLACEHOLDER,
)
_OPEN_CLARIFICATIONS = CompiledQuery(
    lambda pk: Comment.objects.filter(
        assessment_id=pk, kind=Comment.Kind.CLARIFICATION, resolved_at__isnull=True
    ).order_by("created_at", "id"),
    _PLACEHOLDER,
)


def _answers_by_question(assessment: Assessment) -> dict[int, Answer]:
    answers = {a.question_id: a for a in _ANSWERS.all(assessment.pk)}
    # Vendor attribution is rare on internal assessments: its names cost a query only when used.
    contact_ids = {a.answered_by_contact_id for a in answers.values() if a.answered_by_contact_id}
    if contact_ids:
        contacts = Contact.objects.in_bulk(contact_ids)
        for answer in answers.values():
            if answer.answered_by_contact_id:
                answer.answered_by_contact = contacts[answer.answered_by_contact_id]
    return answers


def _open_clarifications(assessment: Assessment) -> list[Comment]:
    comments = _OPEN_CLARIFICATIONS.all(assessment.pk)
    if comments:
        authors = get_user_model().objects.in_bulk({c.author_id for c in comments})
        for comment in comments:
            comment.author = authors[comment.author_id]
    return comments


def assessment_form_context(*, assessment: Assessment, user) -> dict:
    structure = questionnaire_structure(assessment.questionnaire)
    answers = _answers_by_question(assessment)
    evidence: dict[int, list[Evidence]] = {}
    for item in _EVIDENCE.all(assessment.pk):
        evidence.setdefault(item.answer_id, []).append(item)

    chosen = {}
    for question in structure.questions:
        answer = answers.get(question.id)
        option = question.option_by_id(answer.option_id) if answer else None
        chosen[question.key] = option.key if option else None
    hidden = hidden_questions(structure, chosen)

    reviewer = can_review(user)
    domains = []
    for domain in structure.domains:
        view = DomainView(domain.key, domain.title, domain.description)
        for question in domain.questions:
            answer = answers.get(question.id)
            level = answer.evidence_level if answer else None
            view.questions.append(
                question_view(
                    question,
                    answer,
                    chosen[question.key],
                    evidence.get(answer.id, []) if answer else [],
                    question.key in hidden,
                    level_choices=_level_choices(reviewer, level),
                )
            )
        domains.append(view)
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
        "clarifications": clarifications,
        "answered_total": sum(d.answered for d in domains),
        "applicable_total": sum(d.applicable for d in domains),
    }
