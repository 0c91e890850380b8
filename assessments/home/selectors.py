"""What the dashboard shows each role, read from stored summaries (never the scoring engine):

- procurement: my drafts, clarifications asked of me (assessments.clarifications), my invitations
  awaiting vendors, what of mine is due soon;
- architect: the review queue (oldest submitted first), my reviews in progress, decisions due;
- viewer (the board): recently decided, conditions of approval due, vendors at risk;
- admin: all of these.

Each panel has a count with the link to the same set on the assessments list (its query string
contract: assessments/portfolio/filters.py) and a few rows. Two queries a panel at most, whatever
the number of assessments.
"""

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, F, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone

from assessments.conditions import (
    condition_state,
    condition_states_q,
    conditions_tracked,
    today,
)
from assessments.models import Assessment, Invitation
from assessments.selectors import assessments_visible_to
from assessments.standing import assessment_standing
from assessments.summary import summaries_ensure
from assessments.workflow import DECIDED, EDITABLE, Status
from core.roles import Role, roles_of

DASHBOARD_LIMIT = 50
PANEL_ROWS = 8
# "Due soon" for answers and decisions: within two weeks, or already past.
DUE_SOON = datetime.timedelta(days=14)
AT_RISK_GRADES = ("D", "E")


@dataclass
class Panel:
    key: str
    title: str
    count: int
    href: str
    """The assessments list (or the conditions tracker) filtered to exactly what `count` counts."""
    count_label: str
    """What is counted, in the plural; `count_label_one` when the count is one."""
    rows: list = field(default_factory=list)
    empty: str = ""
    """What to do next when there is nothing to show."""
    count_label_one: str = ""
    more: str = ""
    """Where "See all" goes when the rows are not what the count counts (the conditions tracker
    for rows of conditions); else to `href`."""

    @property
    def counted(self) -> str:
        return (
            self.count_label_one if self.count == 1 and self.count_label_one else self.count_label
        )


def list_link(**params) -> str:
    """A link to the assessments list with the contract's parameters (lists repeat)."""
    pairs = []
    for key, value in params.items():
        for one in value if isinstance(value, list | tuple) else [value]:
            pairs.append((key, str(one)))
    return f"{reverse('assessments:list')}?{urlencode(pairs)}"


def tracker_link(**params) -> str:
    return f"{reverse('assessments:conditions')}?{urlencode(params)}"


# Long texts and JSON no dashboard row shows: decoding them for every row was a good part of
# the page's time at a thousand assessments.
_UNSHOWN = (
    "uncarried",
    "verdicts_lost",
    "decision_rationale",
    "departure_justification",
    "questionnaire__scoring_policy",
    "questionnaire__carries_from",
    "questionnaire__description",
)


def _rows(queryset: QuerySet[Assessment], *order) -> list[Assessment]:
    rows = list(
        queryset.select_related("offering__vendor", "questionnaire", "summary", "requester")
        .defer(*_UNSHOWN)
        .order_by(*order)[:PANEL_ROWS]
    )
    for assessment in summaries_ensure(rows):
        assessment.standing = assessment_standing(assessment)
    return rows


def _due_order():
    return (F("due_date").asc(nulls_last=True), "created_at")


# ---- procurement ----------------------------------------------------------------------------


def _procurement(user, visible: QuerySet[Assessment], day: datetime.date) -> list[Panel]:
    mine = visible.filter(requester=user)
    drafts = mine.filter(status=Status.DRAFT)
    due = mine.filter(status__in=EDITABLE, due_date__lte=day + DUE_SOON)
    invited = _awaiting_vendors(user, visible)
    return [
        Panel(
            "drafts",
            "My drafts",
            drafts.count(),
            list_link(status="draft", requester="me"),
            "drafts",
            _rows(drafts, *_due_order()),
            "No drafts. Start an assessment for a vendor's offering; it stays a draft until you "
            "submit it for review.",
            count_label_one="draft",
        ),
        Panel(
            "due",
            "Due soon",
            due.count(),
            list_link(
                status=list(EDITABLE),
                requester="me",
                due_to=(day + DUE_SOON).isoformat(),
                sort="due",
            ),
            "due within 14 days or overdue",
            _rows(due, *_due_order()),
            "Nothing of yours is due in the next 14 days. Give a draft a due date when you start "
            "it, so it shows here in time.",
        ),
        Panel(
            "invitations",
            "Invitations awaiting vendors",
            invited.count(),
            "#invitations",
            "invitations open",
            list(
                invited.select_related("contact", "assessment__offering__vendor").order_by(
                    "expires_at"
                )[:PANEL_ROWS]
            ),
            "No vendor is answering for you now. On a draft, invite the vendor's contact to "
            "answer the domains they know best.",
            count_label_one="invitation open",
        ),
    ]


def _awaiting_vendors(user, visible: QuerySet[Assessment]) -> QuerySet[Invitation]:
    """Invitations of my open drafts whose vendor has not said they are done: the link still
    works, or they have used it and are answering."""
    now = timezone.now()
    return Invitation.objects.filter(
        Q(used_at__isnull=False) | Q(expires_at__gt=now),
        assessment__in=visible.filter(requester=user, status__in=EDITABLE),
        revoked_at__isnull=True,
        done_at__isnull=True,
    )


# ---- architect ------------------------------------------------------------------------------


def _architect(user, visible: QuerySet[Assessment], day: datetime.date) -> list[Panel]:
    queue = visible.filter(status=Status.SUBMITTED)
    reviewing = visible.filter(status=Status.IN_REVIEW, reviewer=user)
    due = visible.filter(status=Status.IN_REVIEW, due_date__lte=day + DUE_SOON)
    return [
        Panel(
            "queue",
            "Review queue",
            queue.count(),
            list_link(status="submitted"),
            "waiting for a reviewer",
            _rows(queue, F("submitted_at").asc(nulls_last=True), "created_at"),
            "Nothing is waiting for review. Submitted assessments appear here, oldest first.",
        ),
        Panel(
            "reviewing",
            "My reviews in progress",
            reviewing.count(),
            list_link(status="in_review", reviewer="me"),
            "in review by you",
            _rows(reviewing, *_due_order()),
            "You are not reviewing anything. Take the oldest assessment from the review queue.",
        ),
        Panel(
            "decisions",
            "Decisions due",
            due.count(),
            list_link(status="in_review", due_to=(day + DUE_SOON).isoformat(), sort="due"),
            "in review, due within 14 days or overdue",
            _rows(due, *_due_order()),
            "No decision is due in the next 14 days.",
        ),
        Panel(
            "overdue",
            "Conditions overdue",
            _approvals_with(visible, "overdue", day).count(),
            list_link(conditions="overdue"),
            "approvals with an overdue condition",
            _condition_rows(user, "overdue", day),
            "No condition of approval is overdue. When one is met, mark it done in the "
            "conditions tracker with a note saying how.",
            count_label_one="approval with an overdue condition",
            more=tracker_link(state="overdue"),
        ),
    ]


def _approvals_with(visible: QuerySet[Assessment], state: str, day) -> QuerySet:
    """The ids of approvals with conditions that have a condition in `state` (the list's
    `conditions=`); ids only, so counting them compares ids rather than whole rows."""
    return (
        visible.filter(status=Status.APPROVED_WITH_CONDITIONS)
        .filter(condition_states_q(state, day, prefix="conditions__"))
        .values("pk")
        .distinct()
    )


def _condition_rows(user, state: str, day) -> list:
    """The first conditions in `state`, soonest due first, each with its state for the badge."""
    rows = list(
        conditions_tracked(user)
        .filter(condition_states_q(state, day))
        .select_related("assessment__offering__vendor")
        .order_by(F("due_date").asc(), "id")[:PANEL_ROWS]
    )
    for row in rows:
        row.state = condition_state(row, day)
    return rows


# ---- viewer (the board) ---------------------------------------------------------------------


def _board(user, visible: QuerySet[Assessment], day: datetime.date) -> list[Panel]:
    decided = visible.filter(status__in=DECIDED)
    at_risk = vendors_at_risk(user=user, day=day)
    return [
        Panel(
            "decided",
            "Recently decided",
            decided.count(),
            list_link(decision=list(DECIDED), sort="-decision"),
            "decided in all",
            _rows(decided, F("decided_at").desc(nulls_last=True)),
            "Nothing has been decided yet. Decisions appear here as architects record them.",
        ),
        Panel(
            "conditions",
            "Conditions due",
            _approvals_with(visible, "due", day).count(),
            list_link(conditions="due"),
            "approvals with a condition due within 30 days or overdue",
            _condition_rows(user, "due", day),
            "No condition of approval is due in the next 30 days. The conditions tracker lists "
            "them all.",
            count_label_one="approval with a condition due within 30 days or overdue",
            more=tracker_link(state="due"),
        ),
        Panel(
            "at_risk",
            "Vendors at risk",
            len(at_risk),
            list_link(grade=list(AT_RISK_GRADES), decision=list(DECIDED)),
            "vendors with a D or E decision, or an overdue condition",
            at_risk[:PANEL_ROWS],
            "No vendor is at risk: no latest decision graded D or E, no overdue condition.",
            count_label_one="vendor with a D or E decision, or an overdue condition",
        ),
    ]


def vendors_at_risk(*, user: AbstractBaseUser, day: datetime.date) -> list[dict]:
    """Vendors whose latest decision on an offering was graded D or E, or with a condition of
    approval past its due date: name, id, why, worst first. Two queries."""
    visible = assessments_visible_to(user)
    # Each offering's latest decision, ranked in one pass: a subquery per decided row (its
    # offering's latest) grew with the square of an offering's assessments (43 ms of the admin
    # dashboard at 3,000 assessments, bench/bench_dashboard.py).
    latest = (
        Assessment.objects.filter(status__in=DECIDED)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=F("offering_id"),
                order_by=(F("decided_at").desc(nulls_last=True), F("created_at").desc()),
            )
        )
        .filter(rank=1)
        .values("pk")
    )
    graded = visible.filter(
        status__in=DECIDED, decided_grade__in=AT_RISK_GRADES, pk__in=latest
    ).values(
        "pk", "offering__vendor_id", "offering__vendor__name", "offering__name", "decided_grade"
    )
    overdue = (
        conditions_tracked(user)
        .filter(condition_states_q("overdue", day))
        .values("assessment__offering__vendor_id", "assessment__offering__vendor__name")
        .annotate(n=Count("id"))
        .order_by()
    )
    vendors: dict = {}

    def vendor(pk, name) -> dict:
        return vendors.setdefault(pk, {"id": pk, "name": name, "graded": [], "overdue": 0})

    for row in graded:
        vendor(row["offering__vendor_id"], row["offering__vendor__name"])["graded"].append(
            {"offering": row["offering__name"], "grade": row["decided_grade"], "pk": row["pk"]}
        )
    for row in overdue:
        name = row["assessment__offering__vendor__name"]
        vendor(row["assessment__offering__vendor_id"], name)["overdue"] = row["n"]
    for entry in vendors.values():
        entry["url"] = reverse("vendors:detail", args=[entry["id"]])
        entry["worst"] = max((g["grade"] for g in entry["graded"]), default="")
    return sorted(
        vendors.values(),
        key=lambda v: (-ord(v["worst"] or "@"), -v["overdue"], v["name"].casefold()),
    )


# ---- the page -------------------------------------------------------------------------------

ROLE_PANELS = (
    ({Role.PROCUREMENT, Role.ADMIN}, "Procurement", _procurement),
    ({Role.ARCHITECT, Role.ADMIN}, "Review", _architect),
    ({Role.VIEWER, Role.ADMIN}, "Board", _board),
)


def dashboard_panels(*, user: AbstractBaseUser) -> list[tuple[str, list[Panel]]]:
    """The panel groups this user's roles call for, in the order of the process."""
    roles = roles_of(user)
    visible = assessments_visible_to(user)
    day = today()
    return [
        (heading, build(user, visible, day))
        for allowed, heading, build in ROLE_PANELS
        if roles & allowed
    ]


def _mine(user: AbstractBaseUser):
    """The user's own assessments: the ones they requested or are reviewing."""
    return assessments_visible_to(user).filter(Q(requester=user) | Q(reviewer=user))


def dashboard_assessments(*, user: AbstractBaseUser) -> list[Assessment]:
    """The user's own assessments, soonest due first, each with where it stands from its stored
    summary — one query whatever the number of rows."""
    rows = list(
        _mine(user)
        .select_related("offering__vendor", "questionnaire", "summary")
        .defer(*_UNSHOWN)
        .order_by(F("due_date").asc(nulls_last=True), "-created_at")[:DASHBOARD_LIMIT]
    )
    for assessment in summaries_ensure(rows):
        assessment.standing = assessment_standing(assessment)
    return rows


def status_counts(*, user: AbstractBaseUser) -> dict[str, int]:
    """The assessments the user requested, by status: each count links to the list with
    `status=…&requester=me`, which shows exactly these."""
    rows = (
        assessments_visible_to(user)
        .filter(requester=user)
        .values("status")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = {status: 0 for status in Assessment.Status.values}
    counts.update({row["status"]: row["n"] for row in rows})
    return counts
