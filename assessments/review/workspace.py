"""The architect's review workspace: one assessment's answers by domain or through a filter, each
row with what the architect needs to judge it, and a side panel with the live grade and what would
move it next.

Reads only (the visit that "changed since your last visit" compares against is recorded by the
view). A fixed number of queries whatever the questionnaire's size: the answer sheet (answers,
evidence, vendor contacts), comments, conditions, the answer-saving events, the viewer's visit.
The page renders one domain or one filter at a time, so its size follows what is on show.
"""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Max
from django.urls import reverse

from assessments.answers import answer_sheet
from assessments.audit_words import events_in_words
from assessments.charts import RECOMMENDATION_LABELS
from assessments.lifecycle import reassessment_target
from assessments.models import (
    Assessment,
    AuditAction,
    AuditEvent,
    Comment,
    EvidenceLevel,
    ReviewVisit,
)
from assessments.questionnaire.structure import questionnaire_structure_by_id
from assessments.review.departure import GUARDED_SEVERITIES, decided_departure_sentence
from assessments.review.row_display import ReviewRow, row_display
from assessments.review.services import decision_check, decision_withdrawable_by
from core.permissions import can_comment, can_review
from scoring import SEVERITIES
from scoring.levers import Levers, grade_levers

# Filter key → label. "findings-<severity>" narrows open findings to one severity.
FILTERS = {
    "findings": "Open findings",
    **{f"findings-{s}": f"{s.capitalize()} findings" for s in SEVERITIES},
    "claim": "Still at claim",
    "changed-revision": "Changed in this revision",
    "changed-visit": "Changed since your last visit",
    "vendor": "Written by the vendor",
    "awaiting-reply": "Awaiting a reply",
    "unreviewed": "Not reviewed yet",
    "reconfirm": "Carried over, to reconfirm",
}
FILTER_HELP = {
    "changed-revision": "answers saved since this revision was started from the previous one",
    "awaiting-reply": "open clarification requests, and threads where someone else wrote last",
    "reconfirm": "verdicts carried from the previous revision that nobody has confirmed yet",
}
DECISION_VIEW = "decision"


@dataclass(frozen=True)
class DomainProgress:
    key: str
    title: str
    reviewed: int
    to_review: int
    open_findings: int


@dataclass(frozen=True)
class FilterChoice:
    key: str
    label: str
    count: int
    help: str = ""


@dataclass
class ReviewData:
    rows: list[ReviewRow]
    card: dict
    levers: Levers
    since_visit: datetime.datetime | None
    """When the viewer's previous visit began (None on a first visit)."""
    general_comments: list[Comment]
    """Comments on the assessment as a whole."""


_UNKNOWN = object()


def review_rows(*, assessment: Assessment, user, since_visit=_UNKNOWN) -> ReviewData:
    """Every question on show, with the filters it belongs to, and the scorecard."""
    sheet = answer_sheet(assessment=assessment)
    card = sheet.scorecard.to_dict()
    traces = {row["key"]: row for row in card["trace"]}
    findings = {f["question"]: f for f in card["findings"]}
    comments: dict[str, list[Comment]] = {}
    for comment in assessment.comments.select_related("author"):
        comments.setdefault(comment.question_key, []).append(comment)
    since = _previous_visit(assessment, user) if since_visit is _UNKNOWN else since_visit
    changed_revision, changed_visit = _changed(assessment, since)
    rows = []
    for part in sheet.domains:
        for sheet_row in part.rows:
            if sheet_row.hidden:
                continue
            row = ReviewRow(
                question=sheet_row.question,
                domain_key=part.domain.key,
                domain_title=part.domain.title,
                answer=sheet_row.answer,
                option_label=sheet_row.answer_label,
                status=traces[sheet_row.key]["status"],
                finding=findings.get(sheet_row.key),
                trace=traces[sheet_row.key],
                evidence=list(sheet_row.evidence),
                comments=comments.get(sheet_row.key, []),
            )
            row.flags = _flags(row, user, changed_revision, changed_visit, assessment)
            rows.append(row)
    levers = grade_levers(sheet.scorecard, sheet.structure.rubric.policy)
    return ReviewData(
        rows=rows,
        card=card,
        levers=levers,
        since_visit=since,
        general_comments=comments.get("", []),
    )


def _previous_visit(assessment: Assessment, user):
    visit = ReviewVisit.objects.filter(assessment=assessment, user_id=user.pk).first()
    return visit.previous_seen_at if visit else None


def _changed(assessment: Assessment, since) -> tuple[set[str] | None, set[str] | None]:
    """Questions whose answers were saved in this revision (None for a first assessment) and since
    the viewer's previous visit (None on a first visit)."""
    # One row per question (its latest save), however many autosaves there were.
    saved = (
        AuditEvent.objects.filter(assessment=assessment, action=AuditAction.ANSWER_SAVED)
        .values("question_key")
        .annotate(last=Max("created_at"))
        .values_list("question_key", "last")
    )
    revision: set[str] | None = set() if assessment.previous_id else None
    visit_keys: set[str] | None = set() if since else None
    for key, at in saved:
        if revision is not None:
            revision.add(key)
        if visit_keys is not None and at > since:
            visit_keys.add(key)
    return revision, visit_keys


def _flags(row: ReviewRow, user, changed_revision, changed_visit, assessment) -> set[str]:
    flags: set[str] = set()
    answer = row.answer
    if row.open_finding:
        flags |= {"findings", f"findings-{row.finding['severity']}"}
    if not row.reviewable or answer is None:
        return flags
    if answer.evidence_level == EvidenceLevel.CLAIM and row.status == "answered":
        flags.add("claim")
    if changed_revision is not None and (row.key in changed_revision or not answer.carried_over):
        flags.add("changed-revision")
    if changed_visit is not None and row.key in changed_visit:
        flags.add("changed-visit")
    if answer.answered_by_contact_id:
        flags.add("vendor")
    last = row.comments[-1] if row.comments else None
    if last is not None and (last.author_id != user.pk or row.clarification_open):
        flags.add("awaiting-reply")
    if answer.reviewed_at is None:
        flags.add("unreviewed")
        if answer.carried_over:
            flags.add("reconfirm")
    return flags


def domain_progress(rows: list[ReviewRow]) -> list[DomainProgress]:
    order: dict[str, str] = {}
    reviewed: Counter = Counter()
    to_review: Counter = Counter()
    open_findings: Counter = Counter()
    for row in rows:
        order.setdefault(row.domain_key, row.domain_title)
        if row.reviewable:
            to_review[row.domain_key] += 1
            reviewed[row.domain_key] += row.reviewed
        open_findings[row.domain_key] += row.open_finding
    return [
        DomainProgress(key, title, reviewed[key], to_review[key], open_findings[key])
        for key, title in order.items()
    ]


def filter_choices(data: ReviewData, assessment: Assessment) -> list[FilterChoice]:
    """The filters that mean something for this assessment and viewer, with their counts."""
    counts = Counter(flag for row in data.rows for flag in row.flags)
    hidden = set()
    if not assessment.previous_id:
        hidden |= {"changed-revision", "reconfirm"}
    if data.since_visit is None:
        hidden.add("changed-visit")
    return [
        FilterChoice(key, label, counts[key], FILTER_HELP.get(key, ""))
        for key, label in FILTERS.items()
        if key not in hidden and (not key.startswith("findings-") or counts[key])
    ]


# The actions' endpoints, with a stand-in for the question key that the page's script fills in
# (reversing them for every row of a 300-answer page cost more than the rest of its rendering).
ROW_URLS = {
    "reviewed": "api-answer-reviewed",
    "level": "api-answer-evidence-level",
    "override": "api-answer-override",
    "accept": "api-finding-accept",
    "comments": "api-answer-comments",
}
KEY_PLACEHOLDER = "__question_key__"


def action_urls(assessment: Assessment) -> dict[str, str]:
    urls = {
        name: reverse(route, args=[assessment.pk, KEY_PLACEHOLDER])
        for name, route in ROW_URLS.items()
    }
    urls["evidence"] = reverse("api-evidence", args=[assessment.pk])
    urls["history"] = reverse("assessments:history", args=[assessment.pk]) + "?question="
    return urls


def review_workspace_context(
    *,
    assessment: Assessment,
    user,
    domain: str | None = None,
    show: str | None = None,
    since_visit=_UNKNOWN,
) -> dict:
    """The page: one domain (the first by default), one filter across domains, or the findings
    and decision view."""
    data = review_rows(assessment=assessment, user=user, since_visit=since_visit)
    progress = domain_progress(data.rows)
    view, shown = _view(data.rows, progress, domain, show)
    reviewing = can_review(user) and assessment.status == Assessment.Status.IN_REVIEW
    urls = action_urls(assessment)
    context = {
        "assessment": assessment,
        "card": data.card,
        "rows": [row_display(row) for row in shown],
        "all_rows": data.rows,
        "action_urls": urls,
        "history_url": urls.pop("history"),
        "previous_revision": assessment.revision - 1,
        "view": view,
        "domains": progress,
        "filters": filter_choices(data, assessment),
        "reviewed_total": sum(d.reviewed for d in progress),
        "to_review_total": sum(d.to_review for d in progress),
        "reviewing": reviewing,
        "can_start_review": can_review(user) and assessment.status == Assessment.Status.SUBMITTED,
        "can_comment": can_comment(user) and not assessment.is_decided,
        # Plain strings: lazy labels cost a translation lookup on every one of 300 rows.
        "level_choices": [(value, str(label)) for value, label in EvidenceLevel.choices],
        **panel_context(data, assessment),
        **decision_context(data, assessment, user, reviewing, view["kind"]),
    }
    if assessment.is_decided:
        context["reassess_onto"] = reassessment_target(source=assessment)
        context["departure_sentence"] = decided_departure_sentence(assessment)
    return context


def _view(rows, progress, domain, show) -> tuple[dict, list[ReviewRow]]:
    if show == DECISION_VIEW:
        return {"kind": "decision", "title": "Findings and decision"}, []
    if show in FILTERS:
        shown = [r for r in rows if show in r.flags]
        return {"kind": "filter", "key": show, "title": FILTERS[show]}, shown
    keys = [d.key for d in progress]
    current = domain if domain in keys else (keys[0] if keys else "")
    title = next((d.title for d in progress if d.key == current), "")
    shown = [r for r in rows if r.domain_key == current]
    return {"kind": "domain", "key": current, "title": title}, shown


def panel_context(data: ReviewData, assessment: Assessment) -> dict:
    """The side panel: live grade, claimed against evidenced, and what would move the grade."""
    text = {row.key: row.question.text for row in data.rows}
    levers = data.levers
    return {
        "recommendation_label": RECOMMENDATION_LABELS[data.card["recommendation"]],
        "levers": levers,
        "gap_levers": [
            {
                "key": g.question,
                "text": text.get(g.question, g.question),
                "level": g.evidence_level,
                "points": g.points,
            }
            for g in levers.gaps
        ],
        "cap_levers": [
            {
                "key": c.question,
                "text": text.get(c.question, c.question),
                "severity": c.severity,
                "capped_to": c.capped_to,
            }
            for c in levers.caps
        ],
        "open_by_severity": [
            (s, sum(1 for r in data.rows if r.open_finding and r.finding["severity"] == s))
            for s in SEVERITIES
        ],
    }


def decision_context(
    data: ReviewData, assessment: Assessment, user, reviewing: bool, view_kind: str
) -> dict:
    """What the decision view needs: the findings, the conditions, and for each decision whether
    it departs from the recommendation and which critical or high findings it leaves uncovered."""
    conditions = list(assessment.conditions.all())
    checks = {}
    if reviewing:
        for decision in ("approved", "approved_with_conditions"):
            checks[decision] = decision_check(
                assessment=assessment, decision=decision, card=data.card, conditions=conditions
            )
    return {
        "findings": data.card["findings"],
        "finding_rows": [r for r in data.rows if r.finding],
        "conditions": conditions,
        "general_comments": data.general_comments,
        "departure_checks": checks,
        "guarded_severities": GUARDED_SEVERITIES,
        "can_withdraw": assessment.is_decided and decision_withdrawable_by(user, assessment),
        "activity": _recent_activity(assessment) if view_kind == "decision" else [],
    }


RECENT_ACTIVITY = 8


def _recent_activity(assessment: Assessment):
    """The latest events, in words, newest first (the decision view shows them)."""
    events = list(assessment.audit_events.order_by("-created_at", "-id")[:RECENT_ACTIVITY])
    return events_in_words(events, questionnaire_structure_by_id(assessment.questionnaire_id))
