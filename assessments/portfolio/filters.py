"""The assessments list's query string, parsed once for every reader of it: the page, its CSV and
Excel exports, and the API's list (GET /api/v1/assessments/). One parser, so a link copied from
the page means the same thing to the API and to a download.

Parameters (the shared contract; dashboards and the conditions tracker link with them): status,
grade and decision repeat; vendor, offering, requester, reviewer, due_from, due_to,
decided_from, decided_to, findings, questionnaire, q, conditions, awaiting (vendor: a vendor
contact is answering; clarification: an architect's questions wait for answers), at_risk (1: the
decisions and approvals that put a vendor at risk), sort, page. A value that cannot be
understood is left out of the filter and reported as a `Problem` naming its parameter: the page
shows the note, the API answers 400 with it.
"""

import datetime
import uuid
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import (
    Case,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber
from django.http import QueryDict
from django.utils import timezone

from assessments.conditions import condition_states_q
from assessments.models import Assessment, Comment, Condition, Invitation
from assessments.workflow import DECIDED, EDITABLE, Status
from core.bidi import isolate_text
from scoring import GRADES, SEVERITIES

CONDITION_STATES = ("due", "overdue")
AWAITING = ("vendor", "clarification")
AT_RISK_GRADES = ("D", "E")
Q_MAX_LENGTH = 200

# Each names the parameter and says what would have been understood; {value} is what was sent.
BAD_STATUS = "Unknown status {value}: use one of " + ", ".join(Status.values) + "."
BAD_GRADE = "Unknown grade {value}: grades are " + ", ".join(GRADES) + "."
BAD_DECISION = "Unknown decision {value}: use one of " + ", ".join(DECIDED) + "."
BAD_VENDOR = "The vendor filter must be a vendor id."
BAD_OFFERING = "The offering filter must be an offering id."
BAD_PERSON = "The {name} filter must be a user id or “me”."
BAD_DATE = "{value} is not a date: use YYYY-MM-DD."
BAD_RANGE = "The due date range ends before it starts."
BAD_DECIDED_RANGE = "The decision date range ends before it starts."
BAD_FINDINGS = "Unknown severity {value}: use one of " + ", ".join(SEVERITIES) + "."
BAD_QUESTIONNAIRE = "The questionnaire filter must be a questionnaire version id."
BAD_CONDITIONS = "Unknown conditions filter {value}: use due or overdue."
BAD_AWAITING = "Unknown awaiting filter {value}: use vendor or clarification."
BAD_AT_RISK = "The at_risk filter takes 1 (only what puts a vendor at risk)."
BAD_SORT = "Cannot sort by {value}: the list is in its default order (newest first)."
TOO_LONG_Q = f"The search was cut to its first {Q_MAX_LENGTH} characters."


@dataclass(frozen=True)
class Problem:
    """A parameter the list could not use: the page notes it, the API answers 400 with it."""

    field: str
    message: str

    @property
    def label(self) -> str:
        """The filter's name as the form shows it, for the page's note (the API keeps `field`)."""
        return FIELD_LABELS.get(self.field, self.field)


FIELD_LABELS = {
    "status": "Status",
    "grade": "Grade",
    "decision": "Decision",
    "vendor": "Vendor",
    "offering": "Offering",
    "requester": "Requester",
    "reviewer": "Reviewer",
    "due_from": "Due from",
    "due_to": "Due until",
    "decided_from": "Decided from",
    "decided_to": "Decided until",
    "findings": "Open findings",
    "questionnaire": "Questionnaire version",
    "q": "Search",
    "conditions": "Conditions of approval",
    "awaiting": "Waiting for",
    "at_risk": "Vendors at risk",
    "sort": "Sort",
    "page": "Page",
}


# Status in the order of the workflow, so sorting by status reads like the process.
_STATUS_RANK = Case(
    *(When(status=s, then=Value(i)) for i, s in enumerate(Status.values)),
    output_field=IntegerField(),
)
_FINDINGS_MOST_FIRST = tuple(F(f"summary__open_{s}").desc(nulls_last=True) for s in SEVERITIES)
_FINDINGS_FEWEST_FIRST = tuple(F(f"summary__open_{s}").asc(nulls_first=True) for s in SEVERITIES)

# column key: (ascending order, descending order). Ties end on the newest first, then the id, so
# pages never overlap.
SORTS: dict[str, tuple[tuple, tuple]] = {
    "vendor": (
        ("offering__vendor__name", "offering__name"),
        (F("offering__vendor__name").desc(), F("offering__name").desc()),
    ),
    "questionnaire": (
        ("questionnaire__key", "questionnaire__version"),
        (F("questionnaire__key").desc(), F("questionnaire__version").desc()),
    ),
    "status": ((_STATUS_RANK.asc(),), (_STATUS_RANK.desc(),)),
    "grade": (
        (F("summary__grade").asc(nulls_last=True),),
        (F("summary__grade").desc(nulls_last=True),),
    ),
    "decision": (
        (F("decided_at").asc(nulls_last=True),),
        (F("decided_at").desc(nulls_last=True),),
    ),
    "requester": (("requester__username",), (F("requester__username").desc(),)),
    "reviewer": (
        (F("reviewer__username").asc(nulls_last=True),),
        (F("reviewer__username").desc(nulls_last=True),),
    ),
    "due": ((F("due_date").asc(nulls_last=True),), (F("due_date").desc(nulls_last=True),)),
    # Ascending: fewest open findings first; descending (-findings): the most severe first.
    "findings": (_FINDINGS_FEWEST_FIRST, _FINDINGS_MOST_FIRST),
    "created": (("created_at",), (F("created_at").desc(),)),
}
DEFAULT_SORT = "-created"
_TIEBREAK = (F("created_at").desc(), "id")


@dataclass
class PortfolioQuery:
    """What the query string asked for, each value understood, and what could not be."""

    statuses: list[str] = field(default_factory=list)
    grades: list[str] = field(default_factory=list)
    decisions: list[str] = field(default_factory=list)
    vendor: uuid.UUID | None = None
    offering: uuid.UUID | None = None
    requester: int | None = None
    reviewer: int | None = None
    due_from: datetime.date | None = None
    due_to: datetime.date | None = None
    decided_from: datetime.date | None = None
    decided_to: datetime.date | None = None
    findings: str = ""
    questionnaire: int | None = None
    q: str = ""
    conditions: str = ""
    awaiting: str = ""
    at_risk: bool = False
    sort: str = DEFAULT_SORT
    page: str = ""
    problems: list[Problem] = field(default_factory=list)
    # The parameters as understood, to rebuild links that keep them (page links, exports, sorts).
    kept: list[tuple[str, str]] = field(default_factory=list)

    @property
    def is_filtered(self) -> bool:
        return any(key not in ("sort", "page") for key, _ in self.kept)

    def without(self, *names: str) -> str:
        """The query string without the named parameters (a chip's "remove" link)."""
        params = QueryDict(mutable=True)
        for key, value in self.kept:
            if key not in (*names, "page"):
                params.appendlist(key, value)
        return params.urlencode()

    def querystring(self, *, sort: str | None = None, page: int | None = None) -> str:
        """The understood parameters as a query string, with another sort or page if given; a
        new sort starts again at page one."""
        params = QueryDict(mutable=True)
        for key, value in self.kept:
            if key not in ("sort", "page"):
                params.appendlist(key, value)
        chosen = self.sort if sort is None else sort
        if chosen != DEFAULT_SORT:
            params["sort"] = chosen
        if page is not None and page > 1:
            params["page"] = str(page)
        return params.urlencode()


def portfolio_query_parse(params: QueryDict, *, user: AbstractBaseUser) -> PortfolioQuery:
    """The list's parameters from a query string; `me` in requester/reviewer is `user`."""
    query = PortfolioQuery()
    problems = query.problems

    def keep(key: str, value: object) -> None:
        query.kept.append((key, str(value)))

    def bad(name: str, template: str, value: str = "") -> None:
        problems.append(Problem(name, template.format(value=isolate_text(value), name=name)))

    for name, allowed, message, target in (
        ("status", Status.values, BAD_STATUS, query.statuses),
        ("grade", GRADES, BAD_GRADE, query.grades),
        ("decision", DECIDED, BAD_DECISION, query.decisions),
    ):
        for raw in params.getlist(name):
            value = raw.strip().upper() if name == "grade" else raw.strip()
            if not value:
                continue
            if value in allowed:
                if value not in target:
                    target.append(value)
                    keep(name, value)
            else:
                bad(name, message, raw)

    for name, message in (("vendor", BAD_VENDOR), ("offering", BAD_OFFERING)):
        raw = params.get(name, "").strip()
        if raw:
            try:
                setattr(query, name, uuid.UUID(raw))
                keep(name, getattr(query, name))
            except ValueError:
                bad(name, message)

    for name in ("requester", "reviewer"):
        raw = params.get(name, "").strip()
        if not raw:
            continue
        if raw == "me":
            setattr(query, name, user.pk)
            keep(name, "me")
        elif raw.isdigit() and len(raw) < 10:
            setattr(query, name, int(raw))
            keep(name, raw)
        else:
            bad(name, BAD_PERSON)

    for name in ("due_from", "due_to", "decided_from", "decided_to"):
        raw = params.get(name, "").strip()
        if raw:
            try:
                setattr(query, name, datetime.date.fromisoformat(raw))
                keep(name, raw)
            except ValueError:
                bad(name, BAD_DATE, raw)
    for kind, message in (("due", BAD_RANGE), ("decided", BAD_DECIDED_RANGE)):
        start, end = getattr(query, f"{kind}_from"), getattr(query, f"{kind}_to")
        if start and end and start > end:
            problems.append(Problem(f"{kind}_to", message))

    raw = params.get("findings", "").strip().lower()
    if raw in SEVERITIES:
        query.findings = raw
        keep("findings", raw)
    elif raw:
        bad("findings", BAD_FINDINGS, params.get("findings", ""))

    raw = params.get("questionnaire", "").strip()
    if raw.isdigit() and len(raw) < 10:
        query.questionnaire = int(raw)
        keep("questionnaire", raw)
    elif raw:
        bad("questionnaire", BAD_QUESTIONNAIRE)

    text = " ".join(params.get("q", "").split())
    if len(text) > Q_MAX_LENGTH:
        text = text[:Q_MAX_LENGTH]
        bad("q", TOO_LONG_Q)
    if text:
        query.q = text
        keep("q", text)

    for name, allowed, message in (
        ("conditions", CONDITION_STATES, BAD_CONDITIONS),
        ("awaiting", AWAITING, BAD_AWAITING),
    ):
        raw = params.get(name, "").strip()
        if raw in allowed:
            setattr(query, name, raw)
            keep(name, raw)
        elif raw:
            bad(name, message, raw)

    raw = params.get("at_risk", "").strip()
    if raw == "1":
        query.at_risk = True
        keep("at_risk", raw)
    elif raw:
        bad("at_risk", BAD_AT_RISK)

    raw = params.get("sort", "").strip()
    if raw and raw.removeprefix("-") in SORTS:
        query.sort = raw
        keep("sort", raw)
    elif raw:
        bad("sort", BAD_SORT, raw)

    query.page = params.get("page", "")
    return query


def approvals_with_conditions_q(state: str, today: datetime.date) -> Q:
    """Approvals with a condition in `state`: "due" and "overdue" as the conditions tracker and
    the dashboards count them (the list's `conditions=`)."""
    pending = Condition.objects.filter(condition_states_q(state, today), assessment=OuterRef("pk"))
    return Q(status=Status.APPROVED_WITH_CONDITIONS) & Q(Exists(pending))


def invitation_open_q(now: datetime.datetime, prefix: str = "") -> Q:
    """An invitation the vendor is still answering: not revoked, not marked done, and either its
    link still works or they have used it. The dashboard's invitations and `awaiting=vendor`."""
    return (Q(**{f"{prefix}used_at__isnull": False}) | Q(**{f"{prefix}expires_at__gt": now})) & Q(
        **{f"{prefix}revoked_at__isnull": True, f"{prefix}done_at__isnull": True}
    )


def awaiting_q(awaiting: str) -> Q:
    """`awaiting=vendor`: a draft a vendor contact is answering; `awaiting=clarification`: changes
    requested with an architect's questions still open."""
    if awaiting == "vendor":
        invited = Invitation.objects.filter(
            invitation_open_q(timezone.now()), assessment=OuterRef("pk")
        )
        return Q(status__in=EDITABLE) & Q(Exists(invited))
    asked = Comment.objects.filter(
        kind=Comment.Kind.CLARIFICATION, resolved_at__isnull=True, assessment=OuterRef("pk")
    )
    return Q(status=Status.CHANGES_REQUESTED) & Q(Exists(asked))


def latest_decision_graded_at_risk_q() -> Q:
    """The latest decision on an offering, graded D or E."""
    # Each offering's latest decision, ranked in one pass: a subquery per decided row grew with
    # the square of an offering's assessments (bench/bench_dashboard.py).
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
    return Q(status__in=DECIDED, decided_grade__in=AT_RISK_GRADES, pk__in=latest)


def at_risk_q(today: datetime.date) -> Q:
    """What puts a vendor at risk: the latest decision on one of its offerings graded D or E, or
    an approval with a condition past its due date. The dashboard's "Vendors at risk" and the
    list's `at_risk=1`."""
    return latest_decision_graded_at_risk_q() | approvals_with_conditions_q("overdue", today)


# Parameters that compare one column with what was asked, each: (PortfolioQuery attribute, lookup).
_LOOKUPS = (
    ("statuses", "status__in"),
    ("decisions", "status__in"),
    ("grades", "summary__grade__in"),
    ("vendor", "offering__vendor_id"),
    ("offering", "offering_id"),
    ("requester", "requester_id"),
    ("reviewer", "reviewer_id"),
    ("due_from", "due_date__gte"),
    ("due_to", "due_date__lte"),
    ("decided_from", "decided_at__date__gte"),
    ("decided_to", "decided_at__date__lte"),
    ("questionnaire", "questionnaire_id"),
)


def portfolio_filter(
    assessments: QuerySet[Assessment], query: PortfolioQuery, *, today: datetime.date
) -> QuerySet[Assessment]:
    """`assessments` narrowed to what `query` asks for, in its order. The caller starts from
    assessments_visible_to(user): this only narrows."""
    conditions = Q()
    for attribute, lookup in _LOOKUPS:
        value = getattr(query, attribute)
        if value is not None and value != "" and value != []:
            conditions &= Q(**{lookup: value})
    if query.findings:
        conditions &= Q(**{f"summary__open_{query.findings}__gt": 0})
    if query.q:
        for word in query.q.split():
            conditions &= Q(offering__vendor__name__icontains=word) | Q(
                offering__name__icontains=word
            )
    if query.conditions:
        conditions &= approvals_with_conditions_q(query.conditions, today)
    if query.awaiting:
        conditions &= awaiting_q(query.awaiting)
    if query.at_risk:
        conditions &= at_risk_q(today)
    key = query.sort.removeprefix("-")
    order = SORTS[key][1 if query.sort.startswith("-") else 0]
    return assessments.filter(conditions).order_by(*order, *_TIEBREAK)
