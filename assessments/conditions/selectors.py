"""Reads of conditions of approval: which are tracked, their state today, and the tracker's page.

A condition is tracked once its assessment is approved with conditions (before the decision it is
a proposal, after an approval or a rejection it binds nobody). Its state is done once marked done,
overdue when its due date has passed, open otherwise; "due" (the dashboards' and the assessments
list's `conditions=due`) is open or overdue with a due date within CONDITIONS_DUE_WITHIN.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Q, QuerySet
from django.http import QueryDict
from django.utils import timezone

from assessments.models import Assessment, Condition
from assessments.selectors import assessments_visible_to

CONDITIONS_DUE_WITHIN = datetime.timedelta(days=30)
PAGE_SIZE = 25
OWNER_MAX_LENGTH = 200

# Tracker filter: (label, what it shows). "open" is the default: everything not yet done.
STATES = {
    "open": "Open",
    "overdue": "Overdue",
    "due": "Due within 30 days",
    "done": "Done",
    "all": "All",
}
DEFAULT_STATE = "open"
BAD_STATE = "Unknown state {value}: use open, overdue, due, done or all."


def today() -> datetime.date:
    return timezone.localdate()


def condition_states_q(state: str, day: datetime.date, prefix: str = "") -> Q:
    """The conditions in `state` on `day`; `prefix` reaches them from another model
    (e.g. "conditions__" from an assessment)."""
    open_ = Q(**{f"{prefix}done_at__isnull": True})
    if state == "open":
        return open_
    if state == "overdue":
        return open_ & Q(**{f"{prefix}due_date__lt": day})
    if state == "due":
        return open_ & Q(**{f"{prefix}due_date__lte": day + CONDITIONS_DUE_WITHIN})
    if state == "done":
        return Q(**{f"{prefix}done_at__isnull": False})
    return Q()


def conditions_tracked(user: AbstractBaseUser) -> QuerySet[Condition]:
    """Conditions of approval on the assessments `user` may see that are approved with them."""
    return Condition.objects.filter(
        assessment__in=assessments_visible_to(user),
        assessment__status=Assessment.Status.APPROVED_WITH_CONDITIONS,
    )


def condition_state(condition: Condition, day: datetime.date) -> str:
    """done, overdue or open: what the tracker and the dashboards print beside a condition."""
    if condition.done_at is not None:
        return "done"
    if condition.due_date is not None and condition.due_date < day:
        return "overdue"
    return "open"


@dataclass
class TrackerQuery:
    """The tracker's query string, understood: state, owner, page; and what could not be."""

    state: str = DEFAULT_STATE
    owner: str = ""
    page: str = ""
    problems: dict[str, str] | None = None

    @classmethod
    def parse(cls, params: QueryDict) -> "TrackerQuery":
        query = cls(problems={})
        state = params.get("state", "").strip()
        if state in STATES:
            query.state = state
        elif state:
            query.problems["state"] = BAD_STATE.format(value=state[:40])
        query.owner = params.get("owner", "").strip()[:OWNER_MAX_LENGTH]
        query.page = params.get("page", "")
        return query

    def link(self, **changes) -> str:
        """The query string of this view with `changes`, for filter tabs and page links."""
        values = {"state": self.state, "owner": self.owner, **changes}
        params = QueryDict(mutable=True)
        for key, value in values.items():
            if value and not (key == "state" and value == DEFAULT_STATE):
                params[key] = value
        encoded = params.urlencode()
        return f"?{encoded}" if encoded else "?"


def tracker_page(*, user: AbstractBaseUser, query: TrackerQuery) -> dict:
    """One page of conditions with their assessments, the count of each state (for the tabs) and
    the owners to filter by. Four queries whatever the number of conditions."""
    day = today()
    tracked = conditions_tracked(user)
    owned = tracked.filter(owner__iexact=query.owner) if query.owner else tracked
    counts = owned.aggregate(
        **{state: Count("id", filter=condition_states_q(state, day)) for state in STATES}
    )
    listed = owned.filter(condition_states_q(query.state, day)).select_related(
        "assessment__offering__vendor", "done_by"
    )
    if query.state == "done":
        listed = listed.order_by(F("done_at").desc(), "id")
    else:
        # Open ones first, soonest due first; under "all", the done ones after them.
        listed = listed.order_by(
            F("done_at").desc(nulls_first=True),
            F("due_date").asc(nulls_last=True),
            "created_at",
            "id",
        )
    page: Page = Paginator(listed, PAGE_SIZE).get_page(query.page)
    for condition in page.object_list:
        condition.state = condition_state(condition, day)
    owners = sorted(
        set(tracked.order_by().values_list("owner", flat=True).distinct()), key=str.casefold
    )
    return {"page": page, "counts": counts, "owners": owners, "today": day}


def conditioned_finding_keys(*, assessment: Assessment) -> frozenset[str]:
    """The findings (by question key) that a condition of this assessment names: the impact
    matrix lists them apart from the open ones, as the decision already deals with them."""
    keys = Condition.objects.filter(assessment=assessment).values_list("finding_keys", flat=True)
    return frozenset(key for row in keys for key in row or ())
