"""The rubric: domains, questions, options and the policy, as frozen values.

`Rubric.from_dict` reads the questionnaire document described in
assessments/questionnaires/FORMAT.md; `to_dict` writes the same shape back. Fields the scoring does
not use (help texts, descriptions) are ignored here; the Django loader is the strict validator.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Self

from scoring.checks import flag, mapping, number, sequence, text
from scoring.index import RubricIndex, build_index
from scoring.policy import Policy
from scoring.vocabulary import SEVERITIES, RubricError

_MISSING: Any = object()


@dataclass(frozen=True, slots=True)
class FindingSpec:
    severity: str
    title: str
    rationale: str

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise RubricError(
                f"finding {self.title!r}: severity {self.severity!r} is not one of "
                f"{', '.join(SEVERITIES)}"
            )
        text(self.title, "finding title", allow_empty=False)
        text(self.rationale, f"finding {self.title!r} rationale")


@dataclass(frozen=True, slots=True)
class Option:
    key: str
    label: str
    score: int
    unknown: bool = False
    finding: FindingSpec | None = None

    def __post_init__(self) -> None:
        text(self.key, "option key", allow_empty=False)
        text(self.label, f"option {self.key!r} label")
        # Integers only: the file format promises them and fractional points invite false precision.
        if isinstance(self.score, bool) or not isinstance(self.score, int):
            raise RubricError(f"option {self.key!r}: score must be an integer, got {self.score!r}")
        if not 0 <= self.score <= 100:
            raise RubricError(f"option {self.key!r}: score must be within 0..100, got {self.score}")
        flag(self.unknown, f"option {self.key!r} unknown")
        if self.finding is not None and not isinstance(self.finding, FindingSpec):
            raise RubricError(f"option {self.key!r}: finding must be a FindingSpec")


@dataclass(frozen=True, slots=True)
class ShowIf:
    question: str
    any_of: tuple[str, ...]

    def __post_init__(self) -> None:
        text(self.question, "show_if question", allow_empty=False)
        any_of = tuple(sequence(self.any_of, f"show_if on {self.question!r} any_of"))
        if not any_of:
            raise RubricError(f"show_if on {self.question!r}: any_of must name at least one option")
        object.__setattr__(self, "any_of", any_of)


@dataclass(frozen=True, slots=True)
class Question:
    key: str
    domain: str
    text: str
    weight: float = 1.0
    required: bool = True
    allows_na: bool = False
    options: tuple[Option, ...] = ()
    show_if: ShowIf | None = None

    def __post_init__(self) -> None:
        where = f"question {self.key!r}"
        text(self.key, "question key", allow_empty=False)
        text(self.domain, f"{where} domain", allow_empty=False)
        text(self.text, f"{where} text")
        weight = number(self.weight, f"{where} weight")
        if weight <= 0:
            raise RubricError(f"{where}: weight must be positive, got {weight}")
        flag(self.required, f"{where} required")
        flag(self.allows_na, f"{where} allows_na")
        options = tuple(sequence(self.options, f"{where} options"))
        seen: set[str] = set()
        for option in options:
            if not isinstance(option, Option):
                raise RubricError(f"{where}: options must be Option values, got {option!r}")
            if option.key in seen:
                raise RubricError(f"{where}: duplicate option key {option.key!r}")
            seen.add(option.key)
        if self.show_if is not None and not isinstance(self.show_if, ShowIf):
            raise RubricError(f"{where}: show_if must be a ShowIf")
        object.__setattr__(self, "weight", weight)
        object.__setattr__(self, "options", options)


@dataclass(frozen=True, slots=True)
class Domain:
    key: str
    title: str
    weight: float = 1.0

    def __post_init__(self) -> None:
        text(self.key, "domain key", allow_empty=False)
        text(self.title, f"domain {self.key!r} title")
        weight = number(self.weight, f"domain {self.key!r} weight")
        if weight <= 0:
            raise RubricError(f"domain {self.key!r}: weight must be positive, got {weight}")
        object.__setattr__(self, "weight", weight)


@dataclass(frozen=True, slots=True)
class Rubric:
    """Questions are in rubric order: domain by domain, in the order users see them."""

    domains: tuple[Domain, ...]
    questions: tuple[Question, ...]
    policy: Policy
    # Built once here so score() pays for lookups per call, not for re-deriving them per call.
    _index: RubricIndex = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "domains", tuple(sequence(self.domains, "domains")))
        object.__setattr__(self, "questions", tuple(sequence(self.questions, "questions")))
        if not isinstance(self.policy, Policy):
            raise RubricError("policy must be a Policy")
        object.__setattr__(self, "_index", build_index(self.domains, self.questions))

    @property
    def index(self) -> RubricIndex:
        return self._index

    @classmethod
    def from_dict(cls, doc: Mapping[str, Any]) -> Self:
        doc = mapping(doc, "questionnaire")
        policy = Policy.from_dict(_get(doc, "scoring", "questionnaire"))
        domains: list[Domain] = []
        questions: list[Question] = []
        for i, raw in enumerate(sequence(_get(doc, "domains", "questionnaire"), "domains")):
            raw = mapping(raw, f"domains[{i}]")
            key = _get(raw, "key", f"domains[{i}]")
            where = f"domain {key!r}"
            domains.append(
                Domain(key=key, title=_get(raw, "title", where), weight=raw.get("weight", 1.0))
            )
            for j, q in enumerate(sequence(raw.get("questions") or [], f"{where} questions")):
                questions.append(_question_from_dict(mapping(q, f"{where} questions[{j}]"), key))
        return cls(domains=tuple(domains), questions=tuple(questions), policy=policy)

    def to_dict(self) -> dict[str, Any]:
        """The scoring-relevant part of the questionnaire document, in the file's own shape."""
        return {
            "scoring": self.policy.to_dict(),
            "domains": [
                {
                    "key": d.key,
                    "title": d.title,
                    "weight": d.weight,
                    "questions": [
                        _question_to_dict(q) for q in self.questions if q.domain == d.key
                    ],
                }
                for d in self.domains
            ],
        }


def _get(raw: Mapping[str, Any], name: str, where: str, default: Any = _MISSING) -> Any:
    if name in raw:
        return raw[name]
    if default is _MISSING:
        raise RubricError(f"{where}: {name} is missing")
    return default


def _question_from_dict(raw: Mapping[str, Any], domain: str) -> Question:
    key = _get(raw, "key", f"a question of domain {domain!r}")
    where = f"question {key!r}"
    show_if = None
    if raw.get("show_if") is not None:
        cond = mapping(raw["show_if"], f"{where} show_if")
        show_if = ShowIf(
            question=_get(cond, "question", f"{where} show_if"),
            any_of=tuple(sequence(_get(cond, "any_of", f"{where} show_if"), f"{where} any_of")),
        )
    options = []
    for i, opt in enumerate(sequence(_get(raw, "options", where), f"{where} options")):
        opt = mapping(opt, f"{where} options[{i}]")
        okey = _get(opt, "key", f"{where} options[{i}]")
        owhere = f"{where} option {okey!r}"
        finding = None
        if opt.get("finding") is not None:
            spec = mapping(opt["finding"], f"{owhere} finding")
            finding = FindingSpec(
                severity=_get(spec, "severity", f"{owhere} finding"),
                title=_get(spec, "title", f"{owhere} finding"),
                rationale=_get(spec, "rationale", f"{owhere} finding"),
            )
        options.append(
            Option(
                key=okey,
                label=_get(opt, "label", owhere),
                score=_get(opt, "score", owhere),
                unknown=opt.get("unknown", False),
                finding=finding,
            )
        )
    return Question(
        key=key,
        domain=domain,
        text=_get(raw, "text", where),
        weight=raw.get("weight", 1.0),
        required=raw.get("required", True),
        allows_na=raw.get("allows_na", False),
        options=tuple(options),
        show_if=show_if,
    )


def _question_to_dict(q: Question) -> dict[str, Any]:
    out: dict[str, Any] = {
        "key": q.key,
        "text": q.text,
        "weight": q.weight,
        "required": q.required,
        "allows_na": q.allows_na,
        "options": [_option_to_dict(o) for o in q.options],
    }
    if q.show_if is not None:
        out["show_if"] = {"question": q.show_if.question, "any_of": list(q.show_if.any_of)}
    return out


def _option_to_dict(o: Option) -> dict[str, Any]:
    out: dict[str, Any] = {"key": o.key, "label": o.label, "score": o.score, "unknown": o.unknown}
    if o.finding is not None:
        out["finding"] = {
            "severity": o.finding.severity,
            "title": o.finding.title,
            "rationale": o.finding.rationale,
        }
    return out
