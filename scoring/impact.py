"""The impact matrix: which of five qualities (security, availability, performance,
maintainability, cost) an assessment's findings cost us, at go-live and over the long term.

Each finding lands in the cells its option's impacts name. A cell weighs the OPEN findings in it
by severity; findings a reviewer accepted, or tied to a condition of the decision, stay listed in
the cell but apart, and weigh nothing: the board sees what is still ours to carry.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from scoring.scorecard import Finding
from scoring.vocabulary import HORIZONS, QUALITIES, SEVERITIES

# Doubling per step: one critical outweighs a high and a medium together, as a board would judge.
SEVERITY_WEIGHT: dict[str, int] = {"critical": 8, "high": 4, "medium": 2, "low": 1}
OPEN, CONDITIONED, ACCEPTED = "open", "conditioned", "accepted"
STATUSES: tuple[str, ...] = (OPEN, CONDITIONED, ACCEPTED)
# Shading steps of a cell by its weight, the same for every assessment so that matrices drawn
# side by side compare: 1-7 (less than a critical), 8-19, 20-39 (several severe findings on
# one quality), 40 and more.
HEAT_STEPS: tuple[int, ...] = (1, 8, 20, 40)

_SEVERITY_RANK = {severity: rank for rank, severity in enumerate(SEVERITIES)}
_STATUS_RANK = {status: rank for rank, status in enumerate(STATUSES)}


@dataclass(frozen=True, slots=True)
class CellFinding:
    question: str
    title: str
    severity: str
    status: str
    reason: str
    """Why this finding costs us this quality (the impact's own one-line reason)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "title": self.title,
            "severity": self.severity,
            "status": self.status,
            "reason": self.reason,
        }


@dataclass(frozen=True, slots=True)
class ImpactCell:
    quality: str
    horizon: str
    findings: tuple[CellFinding, ...]
    """Open first, then conditioned, then accepted; most severe first within each."""

    def with_status(self, status: str) -> tuple[CellFinding, ...]:
        return tuple(f for f in self.findings if f.status == status)

    @property
    def weight(self) -> int:
        return sum(SEVERITY_WEIGHT[f.severity] for f in self.findings if f.status == OPEN)

    @property
    def heat(self) -> int:
        """0 (nothing open) to len(HEAT_STEPS): how dark the cell is drawn."""
        return sum(1 for step in HEAT_STEPS if self.weight >= step)

    def to_dict(self) -> dict[str, Any]:
        return {
            "quality": self.quality,
            "horizon": self.horizon,
            "weight": self.weight,
            "heat": self.heat,
            **{status: len(self.with_status(status)) for status in STATUSES},
            "findings": [f.to_dict() for f in self.findings],
        }


@dataclass(frozen=True, slots=True)
class ImpactMatrix:
    cells: tuple[ImpactCell, ...]
    """Every quality x horizon pair, in QUALITIES then HORIZONS order."""

    def cell(self, quality: str, horizon: str) -> ImpactCell:
        return self.cells[QUALITIES.index(quality) * len(HORIZONS) + HORIZONS.index(horizon)]

    @property
    def is_empty(self) -> bool:
        return not any(cell.findings for cell in self.cells)

    @property
    def open_weight(self) -> int:
        return sum(cell.weight for cell in self.cells)

    def to_dict(self) -> dict[str, Any]:
        return {
            "qualities": list(QUALITIES),
            "horizons": list(HORIZONS),
            "severity_weights": dict(SEVERITY_WEIGHT),
            "cells": [cell.to_dict() for cell in self.cells],
        }


def finding_status(finding: Finding, conditioned: frozenset[str]) -> str:
    # An accepted risk is the reviewer's explicit call; it wins over a condition that names it.
    if finding.accepted:
        return ACCEPTED
    return CONDITIONED if finding.question in conditioned else OPEN


def impact_matrix(findings: Iterable[Finding], conditioned: Iterable[str] = ()) -> ImpactMatrix:
    """`conditioned`: the question keys of findings that a condition of the decision names."""
    conditioned = frozenset(conditioned)
    landed: dict[tuple[str, str], list[CellFinding]] = {}
    for finding in findings:
        status = finding_status(finding, conditioned)
        for impact in finding.impacts:
            entry = CellFinding(
                finding.question, finding.title, finding.severity, status, impact.reason
            )
            for horizon in impact.horizons:
                landed.setdefault((impact.quality, horizon), []).append(entry)
    return ImpactMatrix(
        tuple(
            ImpactCell(quality, horizon, _ordered(landed.get((quality, horizon), [])))
            for quality in QUALITIES
            for horizon in HORIZONS
        )
    )


def _ordered(entries: list[CellFinding]) -> tuple[CellFinding, ...]:
    return tuple(
        sorted(entries, key=lambda f: (_STATUS_RANK[f.status], _SEVERITY_RANK[f.severity]))
    )


@dataclass(frozen=True, slots=True)
class ComparedCell:
    """One quality at one horizon across the assessments compared, in the order given: the row
    the comparison report draws ("A is cheaper to go live, B costs more every year")."""

    quality: str
    horizon: str
    cells: tuple[ImpactCell, ...]


def compare_matrices(matrices: Iterable[ImpactMatrix]) -> tuple[ComparedCell, ...]:
    matrices = tuple(matrices)
    return tuple(
        ComparedCell(quality, horizon, tuple(m.cell(quality, horizon) for m in matrices))
        for quality in QUALITIES
        for horizon in HORIZONS
    )
