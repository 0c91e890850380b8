"""One answer's row in the review workspace: what the workspace knows of it (ReviewRow), and what
the page shows of it as a flat dict of ready-made strings (row_display).

A 300-answer page renders 300 rows; looking values up through objects, properties and number
filters in the template cost several times more than building them here (BENCHMARKS.md, review
page). The template (templates/assessments/review/_row_view.html) only places them.
"""

from dataclasses import dataclass, field

from assessments.models import Answer, Comment, Evidence
from assessments.questionnaire.structure import QuestionNode
from assessments.summary import REVIEWABLE_STATUSES


@dataclass
class ReviewRow:
    question: QuestionNode
    domain_key: str
    domain_title: str
    answer: Answer | None
    option_label: str
    status: str
    finding: dict | None
    trace: dict
    evidence: list[Evidence] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)

    @property
    def key(self) -> str:
        return self.question.key

    @property
    def reviewable(self) -> bool:
        return self.status in REVIEWABLE_STATUSES

    @property
    def reviewed(self) -> bool:
        return self.answer is not None and self.answer.reviewed_at is not None

    @property
    def open_finding(self) -> bool:
        return self.finding is not None and not self.finding["accepted"]

    @property
    def clarification_open(self) -> bool:
        return bool(self.comments) and any(
            c.kind == "clarification" and not c.resolved_at for c in self.comments
        )

    @property
    def level_label(self) -> str:
        # The level's own short word; the long labels explain the levels in forms.
        return self.trace.get("evidence_level") or ""

    @property
    def scored(self) -> bool:
        return self.trace.get("scored", True)


def _number(value: float | None, digits: int = 1) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def _status(row: ReviewRow) -> str:
    if not row.reviewable:
        return ""
    if row.reviewed:
        return "reviewed"
    return "reconfirm" if row.answer.carried_over else "unreviewed"


def row_display(row: ReviewRow) -> dict:
    answer, finding, trace = row.answer, row.finding or {}, row.trace
    override = trace.get("override_score")
    contact = answer.answered_by_contact if answer and answer.answered_by_contact_id else None
    return {
        "key": row.key,
        "text": row.question.text,
        "domain_title": row.domain_title,
        "option_label": row.option_label or "Not answered",
        "answered": answer is not None,
        "reviewable": row.reviewable,
        "scored": row.scored,
        "verdicts_allowed": answer is not None and row.reviewable,
        "status": _status(row),
        "vendor": contact.name if contact else "",
        "level": row.level_label,
        "stored_level": answer.evidence_level if answer else "",
        "valid_until": answer.evidence_valid_until if answer else None,
        "valid_until_iso": answer.evidence_valid_until.isoformat()
        if answer and answer.evidence_valid_until
        else "",
        "raw_score": trace.get("raw_score") if row.scored else None,
        "override_score": _number(override, 0),
        "stored_override": _number(answer.override_score, 0)
        if answer and answer.override_score is not None
        else "",
        "override_justification": answer.override_justification
        if answer and answer.override_score is not None
        else "",
        "adds": _number(trace.get("evidenced_contribution"))
        if trace.get("claimed_contribution")
        else "",
        "claimed": _number(trace.get("claimed_contribution")),
        "explanation": answer.explanation if answer else "",
        "vendor_explanation": answer.vendor_explanation if answer else "",
        "severity": finding.get("severity", ""),
        "finding_title": finding.get("title", ""),
        "finding_rationale": finding.get("rationale", ""),
        "accepted": bool(finding.get("accepted")),
        "acceptance": finding.get("acceptance_justification", ""),
        "open_finding": row.open_finding,
        "evidence": row.evidence,
        "comments": row.comments,
        "clarification_open": row.clarification_open,
    }
