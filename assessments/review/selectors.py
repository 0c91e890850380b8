"""Reads for reviewers: the review queue, from each assessment's stored summary (no scoring here),
one page at a time."""

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Q
from django.urls import reverse

from assessments.models import Assessment
from assessments.selectors import assessments_visible_to
from assessments.summary import summaries_ensure

QUEUE_PAGE_SIZE = 50
S = Assessment.Status


@dataclass(frozen=True)
class QueueTab:
    key: str
    label: str
    count: int


# What each tab lists; "mine" is what the signed-in reviewer is reviewing.
TABS = {
    "waiting": ("Waiting for a reviewer", Q(status=S.SUBMITTED)),
    "in_review": ("Under review", Q(status=S.IN_REVIEW)),
    "mine": ("My reviews", Q(status=S.IN_REVIEW)),
}
SORTS = {
    "oldest": ("Oldest submission first", ("submitted_at",)),
    "red_flags": (
        "Most open red flags first",
        (
            F("summary__open_critical").desc(nulls_last=True),
            F("summary__open_high").desc(nulls_last=True),
            F("summary__open_medium").desc(nulls_last=True),
            "submitted_at",
        ),
    ),
    "due": ("Soonest due first", (F("due_date").asc(nulls_last=True), "submitted_at")),
    "grade": ("Weakest evidenced score first", ("summary__evidenced", "submitted_at")),
}


def _tab_filter(tab: str, user: AbstractBaseUser) -> Q:
    condition = TABS[tab][1]
    return condition & Q(reviewer=user) if tab == "mine" else condition


def review_queue_context(
    *, user: AbstractBaseUser, tab: str | None, sort: str | None, page: str | None
) -> dict:
    """One page of the chosen tab (by default the first with anything in it), in the chosen
    order, each row with its stored summary; and the tabs with their counts."""
    visible = assessments_visible_to(user)
    counts = visible.aggregate(**{key: Count("id", filter=_tab_filter(key, user)) for key in TABS})
    tabs = [QueueTab(key, label, counts[key]) for key, (label, _) in TABS.items()]
    if tab not in TABS:
        tab = next((t.key for t in tabs if t.count), "waiting")
    if sort not in SORTS:
        sort = "oldest"
    _fill_missing_summaries(visible)
    rows = (
        visible.filter(_tab_filter(tab, user))
        .select_related("offering__vendor", "reviewer", "summary")
        .order_by(*SORTS[sort][1])
    )
    current: Page = Paginator(rows, QUEUE_PAGE_SIZE).get_page(page)
    listed = summaries_ensure(list(current.object_list))
    return {
        "tabs": tabs,
        "tab": tab,
        "sort": sort,
        "sorts": [(key, label) for key, (label, _) in SORTS.items()],
        "page": current,
        "rows": [queue_row(a) for a in listed],
    }


def queue_row(assessment: Assessment) -> dict:
    """One row of the queue as ready-made values: fifty rows through the template language's
    lookups, date and number filters cost more than the queue's queries (BENCHMARKS.md)."""
    summary = assessment.summary
    review_url = reverse("assessments:review", args=[assessment.pk])
    return {
        "review_url": review_url,
        "vendor": assessment.offering.vendor.name,
        "offering": assessment.offering.name,
        "revision": assessment.revision if assessment.revision > 1 else None,
        "submitted": f"{assessment.submitted_at:%-d %b %Y}" if assessment.submitted_at else "—",
        "due": f"{assessment.due_date:%-d %b %Y}" if assessment.due_date else "—",
        "grade": summary.grade,
        "claimed": f"{summary.claimed:.0f}",
        "evidenced": f"{summary.evidenced:.0f}",
        "flags": [
            (severity, count, f"{review_url}?show=findings-{severity}")
            for severity, count in (
                ("critical", summary.open_critical),
                ("high", summary.open_high),
                ("medium", summary.open_medium),
                ("low", summary.open_low),
            )
            if count
        ],
        "reviewed": summary.reviewed,
        "to_review": summary.to_review,
        "reviewer": assessment.reviewer.get_username() if assessment.reviewer else "—",
    }


def _fill_missing_summaries(visible) -> None:
    """Assessments from before summaries existed get theirs once, so sorting by them is right;
    after that this is one query that finds nothing."""
    missing = list(
        visible.filter(status__in=(S.SUBMITTED, S.IN_REVIEW), summary__isnull=True).only(
            "id", "questionnaire_id"
        )
    )
    summaries_ensure(missing)
