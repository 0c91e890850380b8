"""One page of an assessment's history, filtered by who, what and when.

An assessment under long review gathers thousands of audit events; the page reads one page of them
(HISTORY_PAGE_SIZE) and puts only those into words. The filters live in the URL (`who` = actor id,
`what` = action, `from` / `to` = dates, `question` = one answer's history, `page`), so a filtered
view can be bookmarked and shared. A filter value that cannot be used is reported against its
field and ignored, never a 500.
"""

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.utils import timezone

from assessments.audit_words import events_in_words
from assessments.models import AuditAction, AuditEvent
from assessments.questionnaire.structure import questionnaire_structure_by_id

HISTORY_PAGE_SIZE = 100
UNKNOWN_ACTOR = "Choose a person from the list."
UNKNOWN_ACTION = "Choose a kind of event from the list."
BAD_DATE = "Enter a date as YYYY-MM-DD."
DATES_REVERSED = "The “to” date is before the “from” date."


@dataclass
class HistoryFilters:
    question: str = ""
    who: int | None = None
    what: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def active(self) -> bool:
        return bool(self.who or self.what or self.date_from or self.date_to)

    def query(self, **extra) -> str:
        """The filters as a query string (for the page links), with `extra` on top."""
        pairs = {
            "question": self.question,
            "who": self.who or "",
            "what": self.what,
            "from": self.date_from.isoformat() if self.date_from else "",
            "to": self.date_to.isoformat() if self.date_to else "",
            **extra,
        }
        return urlencode({k: v for k, v in pairs.items() if v not in ("", None)})


def _date(params, name: str, errors: dict[str, str]) -> datetime.date | None:
    raw = params.get(name, "").strip()
    if not raw:
        return None
    try:
        return datetime.date.fromisoformat(raw)
    except ValueError:
        errors[name] = BAD_DATE
        return None


def history_filters(params, actors: dict[int, str]) -> HistoryFilters:
    errors: dict[str, str] = {}
    who = None
    raw_who = params.get("who", "").strip()
    if raw_who:
        if raw_who.isdigit() and int(raw_who) in actors:
            who = int(raw_who)
        else:
            errors["who"] = UNKNOWN_ACTOR
    what = params.get("what", "").strip()
    if what and what not in AuditAction.values:
        errors["what"] = UNKNOWN_ACTION
        what = ""
    date_from, date_to = _date(params, "from", errors), _date(params, "to", errors)
    if date_from and date_to and date_to < date_from:
        errors["to"] = DATES_REVERSED
        date_to = None
    return HistoryFilters(
        question=params.get("question", "").strip(),
        who=who,
        what=what,
        date_from=date_from,
        date_to=date_to,
        errors=errors,
    )


def _day_start(day: datetime.date) -> datetime.datetime:
    """Midnight of `day` in the reader's time zone: "from 7 Dec" means their 7 December."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def history_events(assessment, filters: HistoryFilters):
    events = AuditEvent.objects.filter(assessment=assessment)
    if filters.question:
        events = events.filter(question_key=filters.question)
    if filters.who:
        events = events.filter(actor_id=filters.who)
    if filters.what:
        events = events.filter(action=filters.what)
    if filters.date_from:
        events = events.filter(created_at__gte=_day_start(filters.date_from))
    if filters.date_to:
        next_day = filters.date_to + datetime.timedelta(days=1)
        events = events.filter(created_at__lt=_day_start(next_day))
    # Only what the sentences read: `old` / `new` can be large, the rest of the row is not needed.
    return events.only(
        "id", "actor_label", "action", "question_key", "old", "new", "created_at"
    ).order_by("created_at", "id")


def history_choices(assessment) -> tuple[dict[int, str], list[tuple[str, str]]]:
    """Everyone who acted on the assessment (by their current name) and the kinds of event it
    has, for the "who" and "what" filters: one query over the distinct pairs."""
    pairs = (
        AuditEvent.objects.filter(assessment=assessment)
        .values_list("actor_id", "actor__username", "action")
        .order_by()  # without the model's ordering, or DISTINCT would be over every row
        .distinct()
    )
    actors: dict[int, str] = {}
    present: set[str] = set()
    for actor_id, username, action in pairs:
        if actor_id is not None:
            actors[actor_id] = username
        present.add(action)
    actors = dict(sorted(actors.items(), key=lambda item: item[1].casefold()))
    return actors, [(value, label) for value, label in AuditAction.choices if value in present]


def history_page_context(*, assessment, params) -> dict:
    actors, actions = history_choices(assessment)
    filters = history_filters(params, actors)
    page: Page = Paginator(history_events(assessment, filters), HISTORY_PAGE_SIZE).get_page(
        params.get("page")
    )
    return {
        "events": events_in_words(
            page.object_list, questionnaire_structure_by_id(assessment.questionnaire_id)
        ),
        "page": page,
        "filters": filters,
        "actors": actors,
        "actions": actions,
        "previous_query": filters.query(page=page.previous_page_number())
        if page.has_previous()
        else "",
        "next_query": filters.query(page=page.next_page_number()) if page.has_next() else "",
        "first_query": filters.query(page=1),
        "last_query": filters.query(page=page.paginator.num_pages),
    }
