"""The answer sheet: an assessment's answers laid over its questionnaire, in order, with the chosen
option, whether show_if hides the question, and the evidence attached — read once, the same for
every page (the form, the review, the vendor's portal, the report) and the API.

A fixed number of queries whatever the questionnaire's size: the tree comes from the structure
cache; answers and evidence are one query each, compiled to SQL once per process (core.compiled:
building their SQL cost about a tenth of the form page's time, BENCHMARKS.md); vendor contacts and
the people who last saved answers cost a query only when a page asks for them and there are some.
Visibility is scoring's (scoring.hidden_questions): the sheet and the scorecard never disagree.
"""

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from django.contrib.auth import get_user_model

from assessments.attestation import attestation_checks
from assessments.models import Answer, Assessment, Evidence, EvidenceDocument
from assessments.questionnaire.structure import (
    DomainNode,
    OptionNode,
    QuestionNode,
    Structure,
    questionnaire_structure,
    questionnaire_structure_by_id,
)
from assessments.scoring_adapter import evidenced_inputs
from core.compiled import CompiledQuery
from scoring import Scorecard, hidden_questions, score
from vendors.models import Contact

NOT_APPLICABLE = "Not applicable"

_PLACEHOLDER = uuid.UUID(int=0xF0E3)
_ANSWERS = CompiledQuery(lambda pk: Answer.objects.filter(assessment_id=pk), _PLACEHOLDER)
_EVIDENCE = CompiledQuery(
    lambda pk: Evidence.objects.filter(answer__assessment_id=pk).order_by("created_at"),
    _PLACEHOLDER,
)


@dataclass(frozen=True, slots=True)
class SheetRow:
    question: QuestionNode
    answer: Answer | None
    option: OptionNode | None
    """The chosen option; None when unanswered or N/A."""
    hidden: bool
    """show_if hides the question: it neither counts nor shows, though its answer is kept."""
    evidence: tuple[Evidence, ...]

    @property
    def key(self) -> str:
        return self.question.key

    @property
    def is_na(self) -> bool:
        return self.answer is not None and self.answer.is_na

    @property
    def answered(self) -> bool:
        return self.option is not None or self.is_na

    @property
    def answer_label(self) -> str:
        """The answer in words: the option's label, "Not applicable", or empty."""
        if self.is_na:
            return NOT_APPLICABLE
        return self.option.label if self.option is not None else ""


@dataclass(frozen=True, slots=True)
class SheetDomain:
    domain: DomainNode
    rows: tuple[SheetRow, ...]


@dataclass(frozen=True)
class AnswerSheet:
    assessment: Assessment
    structure: Structure
    domains: tuple[SheetDomain, ...]

    @property
    def rows(self) -> Iterator[SheetRow]:
        for domain in self.domains:
            yield from domain.rows

    @cached_property
    def by_key(self) -> dict[str, SheetRow]:
        return {row.key: row for row in self.rows}

    @property
    def answers(self) -> list[Answer]:
        return [row.answer for row in self.rows if row.answer is not None]

    @cached_property
    def scorecard(self) -> Scorecard:
        """The engine's scorecard of exactly these answers: no second read."""
        inputs = evidenced_inputs(self.structure, self.answers, assessment_pk=self.assessment.pk)
        return score(self.structure.rubric, inputs)


def _attach_scope_checks(assessment: Assessment, evidence: dict[int, list[Evidence]]) -> None:
    """Each evidence item gets its recorded document (or none) without a query of its own, and
    a document `scope_check`: what the scope check says of it for this offering today."""
    loaded = [item for found in evidence.values() for item in found]
    if not loaded:
        return
    documents = {
        d.evidence_id: d
        for d in EvidenceDocument.objects.filter(evidence__in=[i.pk for i in loaded])
    }
    for item in loaded:
        Evidence.document.related.set_cached_value(item, documents.get(item.pk))
        if item.pk in documents:
            documents[item.pk].evidence = item  # the check reads its answer through it
    items = [item for item in loaded if item.pk in documents]
    if not items:
        return
    checks = attestation_checks(
        assessment_pk=assessment.pk,
        documents=[item.document for item in items],
        offering_name=assessment.offering.name,
        questionnaire_id=assessment.questionnaire_id,
    )
    by_document = {c.document.pk: c.check for found in checks.values() for c in found}
    for item in items:
        item.scope_check = by_document.get(item.document.pk)


def answer_sheet(
    *,
    assessment: Assessment,
    evidence_of: Contact | None = None,
    with_people: bool = False,
) -> AnswerSheet:
    """The sheet of one assessment, reached through its access-checked getter by the caller.

    `evidence_of` keeps only what that vendor contact attached (the portal: other evidence may be
    internal material). `with_people` loads who last saved each answer (the API shows it)."""
    structure = _structure(assessment)
    answers = {a.question_id: a for a in _ANSWERS.all(assessment.pk)}
    _attach_contacts(answers.values())
    if with_people:
        _attach_updated_by(answers.values())
    by_id = {a.pk: a for a in answers.values()}
    evidence: dict[int, list[Evidence]] = {}
    for item in _EVIDENCE.all(assessment.pk):
        if evidence_of is None or item.uploaded_by_contact_id == evidence_of.pk:
            item.answer = by_id[item.answer_id]  # loaded already: no query when it is read
            evidence.setdefault(item.answer_id, []).append(item)
    _attach_scope_checks(assessment, evidence)
    chosen: dict[str, str | None] = {}
    options: dict[int, OptionNode | None] = {}
    for question in structure.questions:
        answer = answers.get(question.id)
        option = question.option_by_id(answer.option_id) if answer else None
        options[question.id] = option
        chosen[question.key] = option.key if option else None
    hidden = hidden_questions(structure.rubric, chosen)
    domains = tuple(
        SheetDomain(
            domain,
            tuple(
                SheetRow(
                    question=question,
                    answer=answers.get(question.id),
                    option=options[question.id],
                    hidden=question.key in hidden,
                    evidence=tuple(evidence.get(answers[question.id].id, ()))
                    if question.id in answers
                    else (),
                )
                for question in domain.questions
            ),
        )
        for domain in structure.domains
    )
    return AnswerSheet(assessment=assessment, structure=structure, domains=domains)


def _structure(assessment: Assessment) -> Structure:
    # The pages load the questionnaire's row with the assessment; then a cold cache costs the
    # tree's three queries, not a fourth for the version.
    if Assessment.questionnaire.is_cached(assessment):
        return questionnaire_structure(assessment.questionnaire)
    return questionnaire_structure_by_id(assessment.questionnaire_id)


def _attach_contacts(answers) -> None:
    """The vendor contact whose claim each answer is. Rare on internal assessments, so a query
    only when there is one."""
    ids = {a.answered_by_contact_id for a in answers if a.answered_by_contact_id}
    contacts = Contact.objects.in_bulk(ids) if ids else {}
    for answer in answers:
        if answer.answered_by_contact_id:
            answer.answered_by_contact = contacts[answer.answered_by_contact_id]


def _attach_updated_by(answers) -> None:
    ids = {a.updated_by_id for a in answers if a.updated_by_id}
    people = get_user_model().objects.in_bulk(ids) if ids else {}
    for answer in answers:
        if answer.updated_by_id:
            answer.updated_by = people[answer.updated_by_id]
