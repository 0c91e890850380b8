"""The parts of a rubric: domains, questions, options, findings and show_if rules, as frozen values
that check themselves when built."""

from dataclasses import dataclass

from scoring.checks import flag, number, sequence, text
from scoring.vocabulary import SEVERITIES, RubricError


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
