"""The parts of the scorecard a board reads first: findings, grade and caps, evidence, coverage."""

from scoring.nodes import FindingSpec, Impact, Question
from scoring.policy import Policy
from scoring.resolution import ANSWERED, UNANSWERED, Row
from scoring.rubric import Rubric
from scoring.scorecard import OUTPUT_DECIMALS, CapApplied, Coverage, EvidenceShare, Finding
from scoring.vocabulary import EVIDENCE_LEVELS, GRADES, SEVERITIES, WEAKEST_EVIDENCE

_GRADE_RANK = {grade: rank for rank, grade in enumerate(GRADES)}
_SEVERITY_RANK = {severity: rank for rank, severity in enumerate(SEVERITIES)}


def ratio(part: int, whole: int) -> float:
    # With nothing applicable, nothing is missing: full coverage, not zero.
    return part / whole if whole else 1.0


def findings_of(rubric: Rubric, rows: list[Row]) -> tuple[Finding, ...]:
    found: list[Finding] = []
    for question, row in zip(rubric.questions, rows, strict=True):
        finding = _finding(question, row)
        if finding is not None:
            found.append(finding)
    # sorted() is stable, so findings of equal severity stay in rubric order.
    return tuple(sorted(found, key=lambda f: _SEVERITY_RANK[f.severity]))


def _finding(question: Question, row: Row) -> Finding | None:
    option, answer = row.option, row.answer
    if option is not None and option.finding is not None and answer is not None and row.level:
        accepted = answer.finding_accepted is True
        return _make(
            question,
            option.finding,
            option=option.key,
            level=row.level,
            accepted=accepted,
            justification=answer.acceptance_justification if accepted else "",
            cause="unknown" if option.unknown else "option",
            impacts=option.impacts,
        )
    # A required question left open counts as unknown: whatever not knowing raises, it raises.
    unknown = question.unknown_option
    if row.status == UNANSWERED and question.required and unknown and unknown.finding:
        return _make(
            question,
            unknown.finding,
            option="",
            level=WEAKEST_EVIDENCE,
            cause="unanswered",
            impacts=unknown.impacts,
        )
    return None


def _make(
    question: Question,
    spec: FindingSpec,
    *,
    option: str,
    level: str,
    cause: str,
    accepted: bool = False,
    justification: str = "",
    impacts: tuple[Impact, ...] = (),
) -> Finding:
    return Finding(
        severity=spec.severity,
        domain=question.domain,
        question=question.key,
        question_text=question.text,
        option=option,
        title=spec.title,
        rationale=spec.rationale,
        evidence_level=level,
        accepted=accepted,
        acceptance_justification=justification,
        cause=cause,
        impacts=impacts,
    )


def grade_of(
    policy: Policy, evidenced: float, findings: tuple[Finding, ...]
) -> tuple[str, str, tuple[CapApplied, ...]]:
    """(uncapped grade, final grade, caps that pulled it down)."""
    # Grade the score the board reads: 84.999... prints as 85.00 and must grade as 85.
    uncapped = policy.grade_for(round(evidenced, OUTPUT_DECIMALS))
    grade = uncapped
    caps: list[CapApplied] = []
    for finding in findings:
        cap = None if finding.accepted else policy.cap_for(finding.severity)
        # Only caps that actually pull the grade down are listed, so the UI can say why.
        if cap is not None and _GRADE_RANK[cap] > _GRADE_RANK[uncapped]:
            caps.append(CapApplied(finding.severity, finding.question, cap))
            if _GRADE_RANK[cap] > _GRADE_RANK[grade]:
                grade = cap
    return uncapped, grade, tuple(caps)


def evidence_mix_of(rubric: Rubric, rows: list[Row]) -> tuple[EvidenceShare, ...]:
    counts = dict.fromkeys(EVIDENCE_LEVELS, 0)
    for scored, row in zip(rubric.index.scored, rows, strict=True):
        # A context question (the deployment, say) is no claim about the product's quality.
        if scored and row.status == ANSWERED and row.level is not None:
            counts[row.level] += 1
    total = sum(counts.values())
    return tuple(
        EvidenceShare(level, count, count / total if total else 0.0)
        for level, count in counts.items()
    )


def coverage_of(rubric: Rubric, rows: list[Row]) -> Coverage:
    applicable = answered = 0
    unknowns: list[str] = []
    missing: list[str] = []
    for question, row in zip(rubric.questions, rows, strict=True):
        if row.status == ANSWERED:
            applicable += 1
            answered += 1
            if row.option is not None and row.option.unknown:
                unknowns.append(question.key)
        elif row.status == UNANSWERED:
            applicable += 1
            if question.required:
                missing.append(question.key)
    return Coverage(
        applicable=applicable,
        answered=answered,
        ratio=ratio(answered, applicable),
        unknowns=tuple(unknowns),
        missing_required=tuple(missing),
    )
