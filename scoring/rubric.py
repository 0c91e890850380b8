"""The rubric: domains, questions, options and the policy, as frozen values.

`Rubric.from_dict` reads the questionnaire document described in
assessments/questionnaires/FORMAT.md; `to_dict` writes the same shape back. Fields the scoring does
not use (help texts, descriptions) are ignored here; the Django loader is the strict validator.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Self

from scoring.checks import mapping, sequence
from scoring.index import RubricIndex, build_index
from scoring.nodes import Domain, FindingSpec, Impact, Option, Question, ShowIf
from scoring.policy import Policy
from scoring.vocabulary import RubricError

_MISSING: Any = object()


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
        object.__setattr__(self, "_index", build_index(self.domains, self.questions, self.policy))

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
    unknown_finding = _finding(raw.get("unknown_finding"), f"{where} unknown_finding")
    options = []
    for i, opt in enumerate(sequence(_get(raw, "options", where), f"{where} options")):
        opt = mapping(opt, f"{where} options[{i}]")
        okey = _get(opt, "key", f"{where} options[{i}]")
        owhere = f"{where} option {okey!r}"
        unknown = opt.get("unknown", False)
        finding = _finding(opt.get("finding"), f"{owhere} finding")
        # What an unknown answer raises is written once per question, beside the question.
        if unknown is True and unknown_finding is not None:
            finding = unknown_finding
        options.append(
            Option(
                key=okey,
                label=_get(opt, "label", owhere),
                score=_get(opt, "score", owhere),
                unknown=unknown,
                finding=finding,
                impacts=_impacts(opt.get("impacts"), owhere),
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
        show_if=_show_if(raw.get("show_if"), where),
        refines=raw.get("refines"),
        scored=raw.get("scored", True),
    )


def _show_if(raw: Any, where: str) -> ShowIf | tuple[ShowIf, ...] | None:
    """One condition (a mapping) or several that must all hold (a list of mappings)."""
    if raw is None:
        return None
    many = isinstance(raw, list)
    conditions = []
    for i, cond in enumerate(raw if many else [raw]):
        cwhere = f"{where} show_if" + (f"[{i}]" if many else "")
        cond = mapping(cond, cwhere)
        conditions.append(
            ShowIf(
                question=_get(cond, "question", cwhere),
                any_of=tuple(sequence(_get(cond, "any_of", cwhere), f"{where} any_of")),
            )
        )
    return tuple(conditions) if many else conditions[0]


def _finding(raw: Any, where: str) -> FindingSpec | None:
    if raw is None:
        return None
    spec = mapping(raw, where)
    return FindingSpec(
        severity=_get(spec, "severity", where),
        title=_get(spec, "title", where),
        rationale=_get(spec, "rationale", where),
    )


def _impacts(raw: Any, where: str) -> tuple[Impact, ...]:
    if raw is None:
        return ()
    impacts = []
    for i, item in enumerate(sequence(raw, f"{where} impacts")):
        item = mapping(item, f"{where} impacts[{i}]")
        horizon = _get(item, "horizon", f"{where} impacts[{i}]")
        impacts.append(
            Impact(
                quality=_get(item, "quality", f"{where} impacts[{i}]"),
                horizons=tuple(horizon) if isinstance(horizon, list | tuple) else (horizon,),
                reason=_get(item, "reason", f"{where} impacts[{i}]"),
            )
        )
    return tuple(impacts)


def _question_to_dict(q: Question) -> dict[str, Any]:
    out: dict[str, Any] = {
        "key": q.key,
        "text": q.text,
        "weight": q.weight,
        "required": q.required,
        "allows_na": q.allows_na,
        "options": [_option_to_dict(o) for o in q.options],
    }
    if isinstance(q.show_if, ShowIf):
        out["show_if"] = _show_if_to_dict(q.show_if)
    elif q.show_if is not None:
        out["show_if"] = [_show_if_to_dict(c) for c in q.show_if]
    # The rules questionnaire v2 added appear only when used, so a v1 rubric serialises (and
    # fingerprints its scorecards) exactly as it always did.
    if q.refines is not None:
        out["refines"] = q.refines
    if not q.scored:
        out["scored"] = False
    unknown = q.unknown_option
    if unknown is not None and unknown.finding is not None:
        out["unknown_finding"] = _finding_to_dict(unknown.finding)
    return out


def _show_if_to_dict(cond: ShowIf) -> dict[str, Any]:
    return {"question": cond.question, "any_of": list(cond.any_of)}


def _finding_to_dict(finding: FindingSpec) -> dict[str, Any]:
    return {"severity": finding.severity, "title": finding.title, "rationale": finding.rationale}


def _option_to_dict(o: Option) -> dict[str, Any]:
    out: dict[str, Any] = {"key": o.key, "label": o.label, "score": o.score, "unknown": o.unknown}
    if o.finding is not None and not o.unknown:
        out["finding"] = _finding_to_dict(o.finding)
    # Written only when present, so rubrics without impacts fingerprint as they always did.
    if o.impacts:
        out["impacts"] = [i.to_dict() for i in o.impacts]
    return out
