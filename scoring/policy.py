"""The scoring policy: evidence factors, grade bands, grade caps and recommendations, and the rules
a questionnaire version opts into (follow-ups that refine, findings for unknown answers, how long
evidence stays valid).

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

# How a follow-up counts. "weigh" (questionnaire v1): like any other question, with its own weight.
# "refine": it only refines the answer that showed it — the pair scores as that answer's score times
# the follow-up's score / 100, with that answer's weight alone — so no path through a weaker answer
# can out-score a stronger one.
FOLLOW_UPS = ("weigh", "refine")
# "required": every question whose options raise findings says what answering "unknown" (or leaving
# a required question unanswered) raises, and it is at least as severe as its worst known option,
# so that not knowing can never grade better than an honest answer.
UNKNOWN_FINDINGS = ("optional", "required")
# How long an evidence level stays valid without being confirmed again: days, or
# "attestation_end" (until the end date recorded with the attestation). A level left out never
# expires by age.
ATTESTATION_END = "attestation_end"


@dataclass(frozen=True, slots=True)
class Policy:
    """Pairs, not dicts, keep the policy hashable; the constructor puts them in canonical order.

    The rules a version opts into default to questionnaire v1's behaviour and are left out of
    to_dict() at their defaults, so a v1 policy serialises (and fingerprints) exactly as before."""

    evidence_factors: tuple[tuple[str, float], ...]
    grade_bands: tuple[tuple[str, float], ...]
    grade_caps: tuple[tuple[str, str], ...]
    recommendations: tuple[tuple[str, str], ...]
    follow_ups: str = "weigh"
    unknown_findings: str = "optional"
    evidence_validity_days: tuple[tuple[str, int | str], ...] = ()
    # Domain key → the kinds of document that may back an attested answer there (the loader
    # checks the keys and kinds); a domain left out accepts every kind that attests operation.
    attestation_kinds: tuple[tuple[str, tuple[str, ...]], ...] = ()
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
        if self.follow_ups not in FOLLOW_UPS:
            raise RubricError(
                f"scoring.follow_ups: {self.follow_ups!r} is not one of {', '.join(FOLLOW_UPS)}"
            )
        if self.unknown_findings not in UNKNOWN_FINDINGS:
            raise RubricError(
                f"scoring.unknown_findings: {self.unknown_findings!r} is not one of "
                f"{', '.join(UNKNOWN_FINDINGS)}"
            )
        validity = _checked_validity(self.evidence_validity_days)
        # Canonical order makes two equal policies compare, hash and serialise identically.
        _set(
            self,
            "evidence_validity_days",
            tuple((k, validity[k]) for k in EVIDENCE_LEVELS if k in validity),
        )
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
        sections: dict[str, Any] = {}
        for name in ("evidence_factors", "grade_bands", "grade_caps", "recommendations"):
            if name not in d:
                raise RubricError(f"scoring.{name} is missing")
            # An empty YAML section parses as None; grade_caps may legitimately be empty.
            section = {} if d[name] is None else mapping(d[name], f"scoring.{name}")
            sections[name] = tuple(section.items())
        for name in ("follow_ups", "unknown_findings"):
            if name in d:
                sections[name] = d[name]
        if d.get("evidence_validity_days") is not None:
            validity = mapping(d["evidence_validity_days"], "scoring.evidence_validity_days")
            sections["evidence_validity_days"] = tuple(validity.items())
        if d.get("attestation_kinds"):
            kinds = mapping(d["attestation_kinds"], "scoring.attestation_kinds")
            sections["attestation_kinds"] = tuple(
                (domain, tuple(sorted(listed))) for domain, listed in sorted(kinds.items())
            )
        return cls(**sections)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "evidence_factors": dict(self.evidence_factors),
            "grade_bands": dict(self.grade_bands),
            "grade_caps": dict(self.grade_caps),
            "recommendations": dict(self.recommendations),
        }
        if self.follow_ups != "weigh":
            out["follow_ups"] = self.follow_ups
        if self.unknown_findings != "optional":
            out["unknown_findings"] = self.unknown_findings
        if self.evidence_validity_days:
            out["evidence_validity_days"] = dict(self.evidence_validity_days)
        if self.attestation_kinds:
            out["attestation_kinds"] = {d: list(k) for d, k in self.attestation_kinds}
        return out

    def accepted_kinds(self, domain: str) -> frozenset[str] | None:
        """The kinds that may back an attested answer in `domain`; None: every attesting kind."""
        for key, kinds in self.attestation_kinds:
            if key == domain:
                return frozenset(kinds)
        return None

    @property
    def refines_follow_ups(self) -> bool:
        return self.follow_ups == "refine"

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


def _checked_validity(pairs: Any) -> dict[str, int | str]:
    raw = unique_pairs(pairs, "scoring.evidence_validity_days", EVIDENCE_LEVELS, complete=False)
    for level, value in raw.items():
        where = f"scoring.evidence_validity_days.{level}"
        if value == ATTESTATION_END:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise RubricError(
                f"{where}: give a positive number of days or {ATTESTATION_END!r}, got {value!r}"
            )
    return raw


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
