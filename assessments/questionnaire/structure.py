"""The questionnaire tree in memory, shared by the form page, the autosave endpoint and scoring.

Published versions never change, so their tree is built once per process (three queries) and
kept; drafts are rebuilt on every call. Keyed by id *and* content hash, so a draft replaced under
the same id can never be served from a stale entry.
"""

from dataclasses import dataclass, field
from functools import cached_property
from threading import Lock

from assessments.models import Domain, Option, Question, QuestionnaireVersion
from scoring import Domain as RubricDomain
from scoring import FindingSpec, Impact, Policy, Rubric, ShowIf
from scoring import Option as RubricOption
from scoring import Question as RubricQuestion


@dataclass(frozen=True, slots=True)
class OptionNode:
    id: int
    key: str
    label: str
    score: int
    is_unknown: bool
    finding_severity: str
    finding_title: str
    finding_rationale: str
    impacts: tuple[Impact, ...] = ()


@dataclass(frozen=True, slots=True)
class QuestionNode:
    id: int
    key: str
    domain_key: str
    text: str
    help: str
    required: bool
    allows_na: bool
    weight: float
    # Left out of equality and hashing (a dict is unhashable); id and key identify a node.
    # One condition (a dict) or several that must all hold (a list), as in the file.
    show_if: dict | list | None = field(compare=False)
    options: tuple[OptionNode, ...] = ()
    refines: str = ""
    scored: bool = True
    references: tuple[tuple[str, str], ...] = ()
    """(scheme, id) pairs of the criteria it helps to check."""

    def option(self, key: str | None) -> OptionNode | None:
        return next((o for o in self.options if o.key == key), None)

    def option_by_id(self, option_id: int | None) -> OptionNode | None:
        return next((o for o in self.options if o.id == option_id), None)


@dataclass(frozen=True, slots=True)
class DomainNode:
    id: int
    key: str
    title: str
    description: str
    weight: float
    questions: tuple[QuestionNode, ...]


@dataclass(frozen=True)
class Structure:
    questionnaire_id: int
    content_sha256: str
    policy: dict
    domains: tuple[DomainNode, ...]
    _by_key: dict[str, QuestionNode] = field(repr=False, default_factory=dict)

    def question(self, key: str) -> QuestionNode | None:
        return self._by_key.get(key)

    @property
    def questions(self) -> list[QuestionNode]:
        return [q for d in self.domains for q in d.questions]

    @cached_property
    def by_id(self) -> dict[int, QuestionNode]:
        return {q.id: q for q in self._by_key.values()}

    @cached_property
    def has_impacts(self) -> bool:
        """Whether this version says what its options cost us (version 3 on): versions before
        show no impact matrix rather than an empty one that would read as "no cost at all"."""
        return any(o.impacts for q in self._by_key.values() for o in q.options)

    @cached_property
    def rubric(self) -> Rubric:
        return Rubric(
            domains=tuple(
                RubricDomain(key=d.key, title=d.title, weight=d.weight) for d in self.domains
            ),
            questions=tuple(_rubric_question(q) for q in self.questions),
            policy=Policy.from_dict(self.policy),
        )


def _rubric_question(q: QuestionNode) -> RubricQuestion:
    return RubricQuestion(
        key=q.key,
        domain=q.domain_key,
        text=q.text,
        weight=q.weight,
        required=q.required,
        allows_na=q.allows_na,
        show_if=_show_if(q.show_if),
        refines=q.refines or None,
        scored=q.scored,
        options=tuple(
            RubricOption(
                key=o.key,
                label=o.label,
                score=o.score,
                unknown=o.is_unknown,
                finding=FindingSpec(o.finding_severity, o.finding_title, o.finding_rationale)
                if o.finding_severity
                else None,
                impacts=o.impacts,
            )
            for o in q.options
        ),
    )


def _show_if(raw: dict | list | None) -> ShowIf | tuple[ShowIf, ...] | None:
    if not raw:
        return None
    if isinstance(raw, list):
        return tuple(ShowIf(c["question"], tuple(c["any_of"])) for c in raw)
    return ShowIf(raw["question"], tuple(raw["any_of"]))


def _impacts(raw: list[dict]) -> tuple[Impact, ...]:
    return tuple(Impact(i["quality"], tuple(i["horizon"]), i["reason"]) for i in raw)


_cache: dict[tuple[int, str], Structure] = {}
_locked_by_id: dict[int, Structure] = {}
_lock = Lock()


def questionnaire_structure(questionnaire: QuestionnaireVersion) -> Structure:
    cache_key = (questionnaire.pk, questionnaire.content_sha256)
    cached = _cache.get(cache_key)
    if cached is not None:
        return cached
    structure = _build(questionnaire)
    if questionnaire.is_locked:
        with _lock:
            _cache[cache_key] = structure
            _locked_by_id[questionnaire.pk] = structure
    return structure


def questionnaire_structure_by_id(questionnaire_id: int) -> Structure:
    """The structure when only the version's id is at hand: no query for a cached version.

    Only locked (published or retired) versions are ever cached, and their content never
    changes, so the id alone is a safe key here."""
    cached = _locked_by_id.get(questionnaire_id)
    if cached is not None:
        return cached
    return questionnaire_structure(QuestionnaireVersion.objects.get(pk=questionnaire_id))


def _build(questionnaire: QuestionnaireVersion) -> Structure:
    options: dict[int, list[OptionNode]] = {}
    for o in Option.objects.filter(question__questionnaire=questionnaire).order_by("position"):
        options.setdefault(o.question_id, []).append(
            OptionNode(
                o.id,
                o.key,
                o.label,
                o.score,
                o.is_unknown,
                o.finding_severity,
                o.finding_title,
                o.finding_rationale,
                _impacts(o.impacts),
            )
        )
    questions: dict[int, list[QuestionNode]] = {}
    by_key: dict[str, QuestionNode] = {}
    domain_rows = list(Domain.objects.filter(questionnaire=questionnaire).order_by("position"))
    domain_keys = {d.id: d.key for d in domain_rows}
    for q in Question.objects.filter(questionnaire=questionnaire).order_by("position"):
        node = QuestionNode(
            q.id,
            q.key,
            domain_keys[q.domain_id],
            q.text,
            q.help,
            q.required,
            q.allows_na,
            q.weight,
            q.show_if,
            tuple(options.get(q.id, ())),
            q.refines,
            q.scored,
            tuple((r["scheme"], r["id"]) for r in q.references),
        )
        questions.setdefault(q.domain_id, []).append(node)
        by_key[q.key] = node
    domains = tuple(
        DomainNode(d.id, d.key, d.title, d.description, d.weight, tuple(questions.get(d.id, ())))
        for d in domain_rows
    )
    return Structure(
        questionnaire.pk,
        questionnaire.content_sha256,
        questionnaire.scoring_policy,
        domains,
        by_key,
    )
