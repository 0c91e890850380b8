"""The scoring policy: evidence factors, grade bands, grade caps and recommendations.

The policy travels with the questionnaire version, so an assessment keeps scoring the way its pinned
version said even after a newer version changes the numbers. The engine reads every threshold from
here and hard-codes none.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any, Self

from scoring.checks import mapping, number, unique_pairs
from scoring.vocabulary import (
    EVIDENCE_LEVELS,
    GRADES,
    RECOMMENDATIONS,
    SEVERITIES,
    RubricError,
)


@dataclass(frozen=True, slots=True)
class Policy:
    """Pairs, not dicts, keep the policy hashable; the constructor puts them in canonical order."""

    evidence_factors: tuple[tuple[str, float], ...]
    grade_bands: tuple[tuple[str, float], ...]
    grade_caps: tuple[tuple[str, str], ...]
    recommendations: tuple[tuple[str, str], ...]
    _factors: dict[str, float] = field(init=False, repr=False, compare=False, hash=False)
    _caps: dict[str, str] = field(init=False, repr=False, compare=False, hash=False)
    _recommendations: dict[str, str] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        factors = _checked_factors(self.evidence_factors)
        bands = _checked_bands(self.grade_bands)
        caps = unique_pairs(self.grade_caps, "scoring.grade_caps", SEVERITIES, complete=False)
        for severity, grade in caps.items():
            if grade not in GRADES:
                raise RubricError(
                    f"scoring.grade_caps.{severity}: {grade!r} is not a grade ({', '.join(GRADES)})"
                )
        recommendations = unique_pairs(
            self.recommendations, "scoring.recommendations", GRADES, complete=True
        )
        for grade, recommendation in recommendations.items():
            if recommendation not in RECOMMENDATIONS:
                raise RubricError(
                    f"scoring.recommendations.{grade}: {recommendation!r} is not one of "
                    f"{', '.join(RECOMMENDATIONS)}"
                )
        # Canonical order makes two equal policies compare, hash and serialise identically.
        _set(self, "evidence_factors", tuple((k, factors[k]) for k in EVIDENCE_LEVELS))
        _set(self, "grade_bands", tuple((k, bands[k]) for k in GRADES))
        _set(self, "grade_caps", tuple((k, caps[k]) for k in SEVERITIES if k in caps))
        _set(self, "recommendations", tuple((k, recommendations[k]) for k in GRADES))
        _set(self, "_factors", dict(self.evidence_factors))
        _set(self, "_caps", dict(self.grade_caps))
        _set(self, "_recommendations", dict(self.recommendations))

    @classmethod
    def default(cls) -> Self:
        return cls(
            evidence_factors=(
                ("claim", 0.4),
                ("documented", 0.7),
                ("attested", 0.9),
                ("verified", 1.0),
            ),
            grade_bands=(("A", 85.0), ("B", 70.0), ("C", 55.0), ("D", 40.0), ("E", 0.0)),
            grade_caps=(("critical", "E"), ("high", "C")),
            recommendations=(
                ("A", "recommended"),
                ("B", "recommended"),
                ("C", "acceptable_with_conditions"),
                ("D", "high_risk"),
                ("E", "not_recommended"),
            ),
        )

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Self:
        """Build from the `scoring:` mapping of a questionnaire file."""
        d = mapping(d, "scoring")
        sections = {}
        for name in ("evidence_factors", "grade_bands", "grade_caps", "recommendations"):
            if name not in d:
                raise RubricError(f"scoring.{name} is missing")
            # An empty YAML section parses as None; grade_caps may legitimately be empty.
            section = {} if d[name] is None else mapping(d[name], f"scoring.{name}")
            sections[name] = tuple(section.items())
        return cls(**sections)

    def to_dict(self) -> dict[str, dict[str, Any]]:
        return {
            "evidence_factors": dict(self.evidence_factors),
            "grade_bands": dict(self.grade_bands),
            "grade_caps": dict(self.grade_caps),
            "recommendations": dict(self.recommendations),
        }

    def factor(self, level: str) -> float:
        try:
            return self._factors[level]
        except KeyError:
            raise RubricError(f"unknown evidence level {level!r}") from None

    def grade_for(self, score: float) -> str:
        for grade, minimum in self.grade_bands:
            if score >= minimum:
                return grade
        # Only a negative score gets here; the worst grade is the only honest answer.
        return GRADES[-1]

    def cap_for(self, severity: str) -> str | None:
        """The best grade an open finding of this severity still allows, or None for no cap."""
        return self._caps.get(severity)

    def recommendation_for(self, grade: str) -> str:
        try:
            return self._recommendations[grade]
        except KeyError:
            raise RubricError(f"unknown grade {grade!r}") from None


def _set(policy: Policy, name: str, value: object) -> None:
    object.__setattr__(policy, name, value)


def _checked_factors(pairs: Any) -> dict[str, float]:
    raw = unique_pairs(pairs, "scoring.evidence_factors", EVIDENCE_LEVELS, complete=True)
    factors = {k: number(v, f"scoring.evidence_factors.{k}") for k, v in raw.items()}
    previous = 0.0
    for level in EVIDENCE_LEVELS:
        value = factors[level]
        if not 0.0 <= value <= 1.0:
            raise RubricError(f"scoring.evidence_factors.{level} must be within 0..1, got {value}")
        # Stronger evidence must never be worth less, or upgrading evidence could lower a score.
        if value < previous:
            raise RubricError(
                f"scoring.evidence_factors.{level} ({value}) is lower than the weaker level "
                f"before it ({previous}); factors must not decrease from claim to verified"
            )
        previous = value
    return factors


def _checked_bands(pairs: Any) -> dict[str, float]:
    raw = unique_pairs(pairs, "scoring.grade_bands", GRADES, complete=True)
    bands = {k: number(v, f"scoring.grade_bands.{k}") for k, v in raw.items()}
    for better, worse in pairwise(GRADES):
        if not bands[better] > bands[worse]:
            raise RubricError(
                f"scoring.grade_bands.{better} ({bands[better]}) must be higher than "
                f"{worse} ({bands[worse]}); bands must strictly decrease from A to E"
            )
    if bands[GRADES[0]] > 100.0:
        raise RubricError(f"scoring.grade_bands.{GRADES[0]} must be at most 100")
    # Every score must land in some band; E at 0 is what guarantees it.
    if bands[GRADES[-1]] != 0.0:
        raise RubricError(f"scoring.grade_bands.{GRADES[-1]} must be 0, got {bands[GRADES[-1]]}")
    return bands
