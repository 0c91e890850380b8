"""The scorecard score() returns, and its JSON form.

Dataclasses hold full-precision floats so tests and callers can check that the numbers add up;
to_dict() rounds every float to OUTPUT_DECIMALS, and canonical_json(scorecard.to_dict()) is the
snapshot stored with a decision.
"""

from dataclasses import dataclass
from typing import Any

from scoring.nodes import Impact

OUTPUT_DECIMALS = 2
# Bump when the shape of to_dict() changes, so stored snapshots say which shape they have.
SCHEMA_VERSION = 1


def rounded(value: float) -> float:
    # Adding 0.0 turns -0.0 into 0.0, which would otherwise serialise differently.
    return round(value, OUTPUT_DECIMALS) + 0.0


def _opt(value: float | None) -> float | None:
    return None if value is None else rounded(value)


@dataclass(frozen=True, slots=True)
class CapApplied:
    severity: str
    question: str
    capped_to: str

    def to_dict(self) -> dict[str, Any]:
        return {"severity": self.severity, "question": self.question, "capped_to": self.capped_to}


@dataclass(frozen=True, slots=True)
class DomainScore:
    key: str
    title: str
    weight: float
    claimed: float | None
    evidenced: float | None
    gap: float | None
    applicable: int
    answered: int
    coverage: float
    scored: bool = True
    """False for a domain of context questions only (the deployment, say): it never has a score,
    and pages leave it out of charts and tables."""

    def to_dict(self) -> dict[str, Any]:
        out = {
            "key": self.key,
            "title": self.title,
            "weight": rounded(self.weight),
            "claimed": _opt(self.claimed),
            "evidenced": _opt(self.evidenced),
            "gap": _opt(self.gap),
            "applicable": self.applicable,
            "answered": self.answered,
            "coverage": rounded(self.coverage),
        }
        if not self.scored:
            out["scored"] = False  # only where used, so a v1 scorecard serialises as before
        return out


@dataclass(frozen=True, slots=True)
class Finding:
    severity: str
    domain: str
    question: str
    question_text: str
    option: str
    title: str
    rationale: str
    evidence_level: str
    accepted: bool
    acceptance_justification: str
    cause: str = "option"
    """"option": the answer chose a red-flag option; "unknown": it said unknown; "unanswered": a
    required question was left open, which counts as unknown."""
    impacts: tuple[Impact, ...] = ()
    """What the option behind it costs us (the unknown option's, for an unknown or unanswered
    question): the cells of the impact matrix it lands in."""

    def to_dict(self) -> dict[str, Any]:
        out = {
            "severity": self.severity,
            "domain": self.domain,
            "question": self.question,
            "question_text": self.question_text,
            "option": self.option,
            "title": self.title,
            "rationale": self.rationale,
            "evidence_level": self.evidence_level,
            "accepted": self.accepted,
            "acceptance_justification": self.acceptance_justification,
        }
        if self.cause != "option":
            out["cause"] = self.cause
        # Only questionnaires with impacts (v3 on) add the key: older scorecards keep their bytes.
        if self.impacts:
            out["impacts"] = [i.to_dict() for i in self.impacts]
        return out


@dataclass(frozen=True, slots=True)
class EvidenceShare:
    level: str
    count: int
    share: float

    def to_dict(self) -> dict[str, Any]:
        return {"level": self.level, "count": self.count, "share": rounded(self.share)}


@dataclass(frozen=True, slots=True)
class Coverage:
    applicable: int
    answered: int
    ratio: float
    unknowns: tuple[str, ...]
    missing_required: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "applicable": self.applicable,
            "answered": self.answered,
            "ratio": rounded(self.ratio),
            "unknowns": list(self.unknowns),
            "missing_required": list(self.missing_required),
        }


@dataclass(frozen=True, slots=True)
class QuestionTrace:
    """How one question moved the numbers; a domain's contributions sum to its score."""

    key: str
    domain: str
    status: str
    option: str | None
    raw_score: int | None
    override_score: float | None
    effective_score: float | None
    evidence_level: str | None
    factor: float | None
    weight: float
    claimed_contribution: float
    evidenced_contribution: float
    overall_claimed_contribution: float
    overall_evidenced_contribution: float
    refines: str | None = None
    """The answer this follow-up's points were folded into (follow_ups: refine)."""
    scored: bool = True
    """False for a context question, which adds to no score."""

    def to_dict(self) -> dict[str, Any]:
        out = {
            "key": self.key,
            "domain": self.domain,
            "status": self.status,
            "option": self.option,
            "raw_score": self.raw_score,
            "override_score": _opt(self.override_score),
            "effective_score": _opt(self.effective_score),
            "evidence_level": self.evidence_level,
            "factor": _opt(self.factor),
            "weight": rounded(self.weight),
            "claimed_contribution": rounded(self.claimed_contribution),
            "evidenced_contribution": rounded(self.evidenced_contribution),
            "overall_claimed_contribution": rounded(self.overall_claimed_contribution),
            "overall_evidenced_contribution": rounded(self.overall_evidenced_contribution),
        }
        # Only where used, so a questionnaire v1 scorecard serialises exactly as before.
        if self.refines is not None:
            out["refines"] = self.refines
        if not self.scored:
            out["scored"] = False
        return out


@dataclass(frozen=True, slots=True)
class Scorecard:
    claimed: float
    evidenced: float
    gap: float
    grade: str
    uncapped_grade: str
    recommendation: str
    caps_applied: tuple[CapApplied, ...]
    domains: tuple[DomainScore, ...]
    findings: tuple[Finding, ...]
    evidence_mix: tuple[EvidenceShare, ...]
    coverage: Coverage
    trace: tuple[QuestionTrace, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "claimed": rounded(self.claimed),
            "evidenced": rounded(self.evidenced),
            "gap": rounded(self.gap),
            "grade": self.grade,
            "uncapped_grade": self.uncapped_grade,
            "recommendation": self.recommendation,
            "caps_applied": [c.to_dict() for c in self.caps_applied],
            "domains": [d.to_dict() for d in self.domains],
            "findings": [f.to_dict() for f in self.findings],
            "evidence_mix": [e.to_dict() for e in self.evidence_mix],
            "coverage": self.coverage.to_dict(),
            "trace": [t.to_dict() for t in self.trace],
        }

    def domain(self, key: str) -> DomainScore:
        for domain in self.domains:
            if domain.key == key:
                return domain
        raise KeyError(key)
