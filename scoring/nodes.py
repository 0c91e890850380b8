"""The parts of a rubric: domains, questions, options, findings and show_if rules, as frozen values
that check themselves when built."""

from dataclasses import dataclass

from scoring.checks import flag, number, sequence, text
from scoring.vocabulary import HORIZONS, QUALITIES, SEVERITIES, RubricError


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
class Impact:
    """What choosing an option costs us: one quality, when it bites (go-live, long term or both,
    in HORIZONS order), and why, in one line."""

    quality: str
    horizons: tuple[str, ...]
    reason: str

    def __post_init__(self) -> None:
        if self.quality not in QUALITIES:
            raise RubricError(
                f"impact: quality {self.quality!r} is not one of {', '.join(QUALITIES)}"
            )
        horizons = tuple(sequence(self.horizons, f"impact on {self.quality} horizons"))
        if not horizons or any(h not in HORIZONS for h in horizons):
            raise RubricError(
                f"impact on {self.quality}: horizons must be one or both of "
                f"{', '.join(HORIZONS)}, got {list(horizons)!r}"
            )
        if len(set(horizons)) != len(horizons):
            raise RubricError(f"impact on {self.quality}: a horizon is named twice")
        text(self.reason, f"impact on {self.quality} reason", allow_empty=False)
        object.__setattr__(self, "horizons", tuple(h for h in HORIZONS if h in horizons))

    def to_dict(self) -> dict:
        """In the file's shape: `horizon` is a list, always."""
        return {"quality": self.quality, "horizon": list(self.horizons), "reason": self.reason}


@dataclass(frozen=True, slots=True)
class Option:
    key: str
    label: str
    score: int
    unknown: bool = False
    finding: FindingSpec | None = None
    impacts: tuple[Impact, ...] = ()

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
        impacts = tuple(sequence(self.impacts, f"option {self.key!r} impacts"))
        if not all(isinstance(i, Impact) for i in impacts):
            raise RubricError(f"option {self.key!r}: impacts must be Impact values")
        qualities = [i.quality for i in impacts]
        if len(set(qualities)) != len(qualities):
            raise RubricError(
                f"option {self.key!r}: one impact per quality (name both horizons in one)"
            )
        object.__setattr__(self, "impacts", impacts)


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
    """`show_if` is one condition or a tuple of them, all of which must hold. `refines` names the
    question whose answer this follow-up refines (scoring.follow_ups: refine). A question with
    `scored` false is context — the product's deployment, say — that decides which questions
    apply and adds nothing to any score."""

    key: str
    domain: str
    text: str
    weight: float = 1.0
    required: bool = True
    allows_na: bool = False
    options: tuple[Option, ...] = ()
    show_if: ShowIf | tuple[ShowIf, ...] | None = None
    refines: str | None = None
    scored: bool = True

    @property
    def conditions(self) -> tuple[ShowIf, ...]:
        return self.conditions_of(self.show_if)

    @property
    def unknown_option(self) -> Option | None:
        return next((o for o in self.options if o.unknown), None)

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
        show_if = self.show_if
        if isinstance(show_if, list):
            show_if = tuple(show_if)
        if isinstance(show_if, tuple):
            if not show_if or not all(isinstance(c, ShowIf) for c in show_if):
                raise RubricError(f"{where}: show_if must be a ShowIf or a non-empty tuple of them")
            if len(show_if) == 1:
                show_if = show_if[0]
        elif show_if is not None and not isinstance(show_if, ShowIf):
            raise RubricError(f"{where}: show_if must be a ShowIf")
        flag(self.scored, f"{where} scored")
        if self.refines is not None:
            text(self.refines, f"{where} refines", allow_empty=False)
            if self.refines not in {c.question for c in self.conditions_of(show_if)}:
                raise RubricError(
                    f"{where}: refines {self.refines!r}, which is not one of the questions its "
                    "show_if depends on; a follow-up refines the answer that shows it"
                )
        if not self.scored and any(o.finding is not None for o in options):
            raise RubricError(f"{where}: a context question (scored: false) raises no findings")
        object.__setattr__(self, "weight", weight)
        object.__setattr__(self, "options", options)
        object.__setattr__(self, "show_if", show_if)

    @staticmethod
    def conditions_of(show_if: "ShowIf | tuple[ShowIf, ...] | None") -> tuple[ShowIf, ...]:
        if show_if is None:
            return ()
        return show_if if isinstance(show_if, tuple) else (show_if,)


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
