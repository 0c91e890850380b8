"""What would change a scorecard's grade next: the answers whose evidence gap costs the most, the
open findings that cap the grade, and how far the evidenced score is from the next band.

The review workspace's side panel shows these so an architect spends the next hour where it moves
the grade. Pure: a scorecard and its policy in, plain data out.
"""

from dataclasses import dataclass

from scoring.policy import Policy
from scoring.scorecard import OUTPUT_DECIMALS, Scorecard
from scoring.vocabulary import GRADES

TOP_GAPS = 5
_RANK = {grade: rank for rank, grade in enumerate(GRADES)}


@dataclass(frozen=True, slots=True)
class GapLever:
    """An answer whose evidenced contribution falls short of its claimed one: backing it with
    verified evidence would add `points` to the overall evidenced score."""

    question: str
    evidence_level: str
    points: float


@dataclass(frozen=True, slots=True)
class CapLever:
    """An open finding holding the grade down to `capped_to`."""

    question: str
    severity: str
    capped_to: str


@dataclass(frozen=True, slots=True)
class Levers:
    grade: str
    uncapped_grade: str
    next_grade: str | None
    """The band above the uncapped grade, or None at the top."""
    points_to_next: float | None
    gaps: tuple[GapLever, ...]
    caps: tuple[CapLever, ...]
    gap_total: float
    """What verified evidence on every answer would add, in all."""


def grade_levers(card: Scorecard, policy: Policy, *, top: int = TOP_GAPS) -> Levers:
    gaps = sorted(
        (
            GapLever(
                question=t.key,
                evidence_level=t.evidence_level or "",
                points=round(t.overall_claimed_contribution - t.overall_evidenced_contribution, 2),
            )
            for t in card.trace
            if t.overall_claimed_contribution - t.overall_evidenced_contribution > 0.005
        ),
        key=lambda lever: (-lever.points, lever.question),
    )
    next_grade, points_to_next = _next_band(policy, card.uncapped_grade, card.evidenced)
    return Levers(
        grade=card.grade,
        uncapped_grade=card.uncapped_grade,
        next_grade=next_grade,
        points_to_next=points_to_next,
        gaps=tuple(gaps[:top]),
        caps=tuple(
            CapLever(question=c.question, severity=c.severity, capped_to=c.capped_to)
            for c in card.caps_applied
        ),
        gap_total=round(sum(lever.points for lever in gaps), 2),
    )


def _next_band(policy: Policy, grade: str, evidenced: float) -> tuple[str | None, float | None]:
    better = [(band, minimum) for band, minimum in policy.grade_bands if _RANK[band] < _RANK[grade]]
    if not better:
        return None, None
    band, minimum = max(better, key=lambda pair: _RANK[pair[0]])
    return band, round(max(minimum - round(evidenced, OUTPUT_DECIMALS), 0.0), 2)
