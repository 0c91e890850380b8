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
from django.db.models import Count, F, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from assessments.conditions import (
    condition_state,
    condition_states_q,
    conditions_tracked,
    today,
)
from assessments.links import assessment_url
from assessments.models import Assessment, Invitation
from assessments.portfolio import (
    approvals_with_conditions_q,
    at_risk_q,
    awaiting_q,
    invitation_open_q,
    latest_decision_graded_at_risk_q,
)
from assessments.selectors import assessments_visible_to
from assessments.standing import assessment_standing
from assessments.summary import summaries_ensure
from assessments.workflow import DECIDED, EDITABLE, Status
from core.roles import Role, roles_of

# The "My assessments" table: the soonest due first; the assessments list has the rest.
DASHBOARD_LIMIT = 20
PANEL_ROWS = 8
# "Due soon" for answers and decisions: within two weeks, or already past.
DUE_SOON = datetime.timedelta(days=14)
# "Recently decided" on the board's dashboard.
RECENT = datetime.timedelta(days=90)


@dataclass
class Panel:
    key: str
    title: str
    where: Q
    """What the panel counts, among the assessments the user may see (counted for every panel
    of the page in one query: `_count_all`)."""
    href: str
    """The assessments list filtered to exactly what `where` selects."""
    count_label: str
    """What is counted, in the plural; `count_label_one` when the count is one."""
    rows: list = field(default_factory=list)
    empty: str = ""
    """What to do next when there is nothing to show."""
    count_label_one: str = ""
    more: str = ""
    """Where "See all" goes when the rows are not what the count counts (the conditions tracker
    for rows of conditions); else to `href`."""
    count: int = 0

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


# The columns a dashboard row reads, and nothing else: loading whole assessments, questionnaires
# and users (JSON lists, scoring policies, password hashes) for every row was a good part of the
# page's time at a thousand assessments (bench/bench_dashboard.py).
ROW_FIELDS = (
    "status",
    "due_date",
    "submitted_at",
    "decided_at",
    "decided_grade",
    "decided_recommendation",
    "created_at",
    "questionnaire_id",
    "offering__name",
    "offering__vendor__name",
    "questionnaire__title",
    "questionnaire__version",
    "requester__username",
    "summary",
)


def _rows(queryset: QuerySet[Assessment], *order) -> list[Assessment]:
    rows = list(
        queryset.select_related("offering__vendor", "questionnaire", "summary", "requester")
        .only(*ROW_FIELDS)
        .order_by(*order)[:PANEL_ROWS]
    )
    return _with_standing_and_link(rows)


def _with_standing_and_link(rows: list[Assessment]) -> list[Assessment]:
    for assessment in summaries_ensure(rows):
        assessment.standing = assessment_standing(assessment)
        assessment.detail_url = assessment_url(assessment.pk)
    return rows


def _due_order():
    return (F("due_date").asc(nulls_last=True), "created_at")


# ---- procurement ----------------------------------------------------------------------------


def _procurement(user, visible: QuerySet[Assessment], day: datetime.date) -> list[Panel]:
    drafts = Q(requester=user, status=Status.DRAFT)
    due = Q(requester=user, status__in=EDITABLE, due_date__lte=day + DUE_SOON)
    invited = _awaiting_vendors(user, visible)
    return [
        Panel(
            "drafts",
            "My drafts",
            drafts,
            list_link(status="draft", requester="me"),
            "drafts",
            _rows(visible.filter(drafts), *_due_order()),
            "No drafts. Start an assessment for a vendor's offering; it stays a draft until you "
            "submit it for review.",
            count_label_one="draft",
        ),
        Panel(
            "due",
            "Due soon",
            due,
            list_link(
                status=list(EDITABLE),
                requester="me",
                due_to=(day + DUE_SOON).isoformat(),
                sort="due",
            ),
            "due within 14 days or overdue",
            _rows(visible.filter(due), *_due_order()),
            "Nothing of yours is due in the next 14 days. Give a draft a due date when you start "
            "it, so it shows here in time.",
        ),
        Panel(
            "invitations",
            "Invitations awaiting vendors",
            Q(requester=user) & awaiting_q("vendor"),
            list_link(requester="me", awaiting="vendor"),
            "drafts a vendor is answering",
            _with_link(
                invited.select_related("contact", "assessment__offering__vendor").order_by(
                    "expires_at"
                )[:PANEL_ROWS]
            ),
            "No vendor is answering for you now. On a draft, invite the vendor's contact to "
            "answer the domains they know best.",
            count_label_one="draft a vendor is answering",
        ),
    ]


def _with_link(invitations: QuerySet[Invitation]) -> list[Invitation]:
    rows = list(invitations)
    for row in rows:
        row.detail_url = assessment_url(row.assessment_id)
    return rows


def _awaiting_vendors(user, visible: QuerySet[Assessment]) -> QuerySet[Invitation]:
    """Invitations of my open drafts whose vendor has not said they are done: the link still
    works, or they have used it and are answering."""
    return Invitation.objects.filter(
        invitation_open_q(timezone.now()),
        assessment__in=visible.filter(requester=user, status__in=EDITABLE),
    )


# ---- architect ------------------------------------------------------------------------------


def _architect(user, visible: QuerySet[Assessment], day: datetime.date) -> list[Panel]:
    queue = Q(status=Status.SUBMITTED)
    reviewing = Q(status=Status.IN_REVIEW, reviewer=user)
    due = Q(status=Status.IN_REVIEW, due_date__lte=day + DUE_SOON)
    return [
        Panel(
            "queue",
            "Review queue",
            queue,
            list_link(status="submitted"),
            "waiting for a reviewer",
            _rows(visible.filter(queue), F("submitted_at").asc(nulls_last=True), "created_at"),
            "Nothing is waiting for review. Submitted assessments appear here, oldest first.",
        ),
        Panel(
            "reviewing",
            "My reviews in progress",
            reviewing,
            list_link(status="in_review", reviewer="me"),
            "in review by you",
            _rows(visible.filter(reviewing), *_due_order()),
            "You are not reviewing anything. Take the oldest assessment from the review queue.",
        ),
        Panel(
            "decisions",
            "Decisions due",
            due,
            list_link(status="in_review", due_to=(day + DUE_SOON).isoformat(), sort="due"),
            "in review, due within 14 days or overdue",
            _rows(visible.filter(due), *_due_order()),
            "No decision is due in the next 14 days.",
        ),
        Panel(
            "overdue",
            "Conditions overdue",
            approvals_with_conditions_q("overdue", day),
            list_link(conditions="overdue"),
            "approvals with an overdue condition",
            _condition_rows(user, "overdue", day),
            "No condition of approval is overdue. When one is met, mark it done in the "
            "conditions tracker with a note saying how.",
            count_label_one="approval with an overdue condition",
            more=tracker_link(state="overdue"),
        ),
    ]


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
        row.detail_url = assessment_url(row.assessment_id)
    return rows


# ---- viewer (the board) ---------------------------------------------------------------------


def _board(user, visible: QuerySet[Assessment], day: datetime.date) -> list[Panel]:
    since = day - RECENT
    decided = Q(status__in=DECIDED, decided_at__date__gte=since)
    at_risk = vendors_at_risk(user=user, day=day)
    return [
        Panel(
            "decided",
            "Recently decided",
            decided,
            list_link(decision=list(DECIDED), decided_from=since.isoformat(), sort="-decision"),
            "decided in the last 90 days",
            _rows(visible.filter(decided), F("decided_at").desc(nulls_last=True)),
            "Nothing was decided in the last 90 days. Decisions appear here as architects "
            "record them; the assessments list has every earlier one.",
        ),
        Panel(
            "conditions",
            "Conditions due",
            approvals_with_conditions_q("due", day),
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
            at_risk_q(day),
            list_link(at_risk=1),
            "decisions graded D or E, or approvals with an overdue condition",
            at_risk[:PANEL_ROWS],
            "No vendor is at risk: no latest decision graded D or E, no overdue condition.",
            count_label_one="decision graded D or E, or approval with an overdue condition",
        ),
    ]


def vendors_at_risk(*, user: AbstractBaseUser, day: datetime.date) -> list[dict]:
    """Vendors whose latest decision on an offering was graded D or E, or with a condition of
    approval past its due date: name, id, why, worst first. Two queries."""
    visible = assessments_visible_to(user)
    graded = visible.filter(latest_decision_graded_at_risk_q()).values(
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
            {
                "offering": row["offering__name"],
                "grade": row["decided_grade"],
                "url": assessment_url(row["pk"]),
            }
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


def dashboard_overview(*, user: AbstractBaseUser) -> dict:
    """The panel groups this user's roles call for, in the order of the process, the counts by
    status and the clarifications waiting for the user: every count of the page in one query."""
    roles = roles_of(user)
    visible = assessments_visible_to(user)
    day = today()
    groups = [
        (heading, build(user, visible, day))
        for allowed, heading, build in ROLE_PANELS
        if roles & allowed
    ]
    panels = [panel for _, group in groups for panel in group]
    only_mine = counts_only_mine(user)
    statuses = {
        value: Q(status=value, requester=user) if only_mine else Q(status=value)
        for value in Assessment.Status.values
    }
    clarifications = Q(requester=user) & awaiting_q("clarification")
    counts = _count_all(
        visible,
        {
            **{f"panel_{p.key}": p.where for p in panels},
            **{f"status_{value}": q for value, q in statuses.items()},
            "clarifications": clarifications,
            "mine": _mine_q(user),
        },
    )
    for panel in panels:
        panel.count = counts[f"panel_{panel.key}"]
    scope = {"requester": "me"} if only_mine else {}
    return {
        "panel_groups": groups,
        "status_counts": [
            (label, counts[f"status_{value}"], list_link(status=value, **scope))
            for value, label in Assessment.Status.choices
        ],
        "counts_only_mine": only_mine,
        "clarification_count": (
            counts["clarifications"],
            list_link(requester="me", awaiting="clarification"),
        ),
        "mine_count": counts["mine"],
    }


def _count_all(visible: QuerySet[Assessment], named: dict[str, Q]) -> dict[str, int]:
    """How many of `visible` each Q selects, all in one query (a COUNT … FILTER each); a count
    query per panel was most of the admin dashboard's time at a thousand assessments."""
    return visible.order_by().aggregate(
        **{name: Count("pk", filter=where) for name, where in named.items()}
    )


def _mine_q(user: AbstractBaseUser) -> Q:
    """The user's own assessments: the ones they requested or are reviewing."""
    return Q(requester=user) | Q(reviewer=user)


def dashboard_assessments(*, user: AbstractBaseUser) -> list[Assessment]:
    """The user's own assessments, soonest due first, each with where it stands from its stored
    summary — one query whatever the number of rows."""
    rows = list(
        assessments_visible_to(user)
        .filter(_mine_q(user))
        .select_related("offering__vendor", "questionnaire", "summary", "requester")
        .only(*ROW_FIELDS)
        .order_by(F("due_date").asc(nulls_last=True), "-created_at")[:DASHBOARD_LIMIT]
    )
    return _with_standing_and_link(rows)


def counts_only_mine(user: AbstractBaseUser) -> bool:
    """Procurement counts what it requested; a reviewer, the board and an admin count every
    assessment they may see."""
    return not roles_of(user) & {Role.ARCHITECT, Role.VIEWER, Role.ADMIN}
