"""The Compare picker: a searchable, filterable, paginated list of the assessments a person may
see, and the selection (at most COMPARISON_MAX) carried in the URL as repeated `selected` ids.

Filters, all in the URL: `q` (vendor or offering name), `questionnaire` (version id), `status`
(repeatable), `page`. A comparison needs one questionnaire version, so once something is selected
the list shows that version only. A value that cannot be used is reported against its field.
"""

import uuid
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Page
from django.db.models import Q

from assessments.models import Assessment, QuestionnaireVersion
from assessments.selectors import assessments_visible_to
from core.paging import page_with_total
from reports.comparison import COMPARISON_MAX

PICKER_PAGE_SIZE = 25
UNKNOWN_VERSION = "Choose a questionnaire version from the list."
UNKNOWN_STATUS = "Choose statuses from the list."
TOO_MANY = (
    f"At most {COMPARISON_MAX} assessments can be compared; the first {COMPARISON_MAX} are kept."
)
MIXED_VERSIONS = (
    "Assessments of different questionnaire versions cannot be compared; only those of the "
    "first one chosen are kept."
)
SEARCH_LIMIT = 100
ROW_FIELDS = (
    "status",
    "revision",
    "offering__name",
    "offering__vendor__name",
    "questionnaire__key",
    "questionnaire__title",
    "questionnaire__version",
)


@dataclass
class PickerFilters:
    q: str = ""
    questionnaire: int | None = None
    statuses: list[str] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)

    def query(self, selected: list, **extra) -> str:
        pairs = [("q", self.q)] if self.q else []
        if self.questionnaire:
            pairs.append(("questionnaire", self.questionnaire))
        pairs += [("status", s) for s in self.statuses]
        pairs += [("selected", a.pk) for a in selected]
        pairs += [(k, v) for k, v in extra.items() if v not in ("", None)]
        return urlencode(pairs)


def _uuids(values) -> list[uuid.UUID]:
    seen: list[uuid.UUID] = []
    for value in values:
        try:
            pk = uuid.UUID(str(value))
        except ValueError:
            continue  # not an id at all: nothing anyone could have selected
        if pk not in seen:
            seen.append(pk)
    return seen


def picker_selection(*, user, ids) -> tuple[list[Assessment], list[str]]:
    """The selected assessments the user may see, in the order chosen, and what was dropped."""
    wanted = _uuids(ids)
    if not wanted:
        return [], []
    found = {
        a.pk: a
        for a in assessments_visible_to(user)
        .filter(pk__in=wanted)
        .select_related("offering__vendor", "questionnaire")
        .only(*ROW_FIELDS)
    }
    chosen = [found[pk] for pk in wanted if pk in found]
    notes = []
    if chosen and len({a.questionnaire_id for a in chosen}) > 1:
        chosen = [a for a in chosen if a.questionnaire_id == chosen[0].questionnaire_id]
        notes.append(MIXED_VERSIONS)
    if len(chosen) > COMPARISON_MAX:
        chosen = chosen[:COMPARISON_MAX]
        notes.append(TOO_MANY)
    return chosen, notes


def picker_filters(params, versions: dict[int, QuestionnaireVersion]) -> PickerFilters:
    errors: dict[str, str] = {}
    raw = params.get("questionnaire", "").strip()
    questionnaire = None
    if raw:
        if raw.isdigit() and int(raw) in versions:
            questionnaire = int(raw)
        else:
            errors["questionnaire"] = UNKNOWN_VERSION
    statuses = [s for s in params.getlist("status") if s]
    if any(s not in Assessment.Status.values for s in statuses):
        errors["status"] = UNKNOWN_STATUS
        statuses = [s for s in statuses if s in Assessment.Status.values]
    return PickerFilters(
        q=params.get("q", "").strip()[:SEARCH_LIMIT],
        questionnaire=questionnaire,
        statuses=statuses,
        errors=errors,
    )


def _candidates(user, filters: PickerFilters):
    # Only what a row shows: a questionnaire version's row carries its whole scoring policy.
    rows = (
        assessments_visible_to(user)
        .select_related("offering__vendor", "questionnaire")
        .only(*ROW_FIELDS)
    )
    if filters.q:
        rows = rows.filter(
            Q(offering__name__icontains=filters.q) | Q(offering__vendor__name__icontains=filters.q)
        )
    if filters.questionnaire:
        rows = rows.filter(questionnaire_id=filters.questionnaire)
    if filters.statuses:
        rows = rows.filter(status__in=filters.statuses)
    return rows.order_by(
        "questionnaire__key", "-questionnaire__version", "offering__vendor__name", "offering__name"
    )


def _versions() -> dict[int, QuestionnaireVersion]:
    """Every version an assessment can be of (drafts never are): a handful of rows, read without
    looking at the assessments at all."""
    return {
        v.pk: v
        for v in QuestionnaireVersion.objects.exclude(status=QuestionnaireVersion.Status.DRAFT)
        .only("key", "version", "title")
        .order_by("key", "-version")
    }


def comparison_picker_context(*, user, params) -> dict:
    selected, notes = picker_selection(user=user, ids=params.getlist("selected"))
    versions = _versions()
    filters = picker_filters(params, versions)
    locked_version = selected[0].questionnaire if selected else None
    if locked_version is not None:
        filters.questionnaire = locked_version.pk
    page: Page = page_with_total(_candidates(user, filters), params.get("page"), PICKER_PAGE_SIZE)
    selected_ids = {a.pk for a in selected}
    return {
        "filters": filters,
        "versions": list(versions.values()),
        "statuses": Assessment.Status.choices,
        "selected": selected,
        "selected_ids": selected_ids,
        "selected_elsewhere": [a for a in selected if a not in page.object_list],
        "notes": notes,
        "locked_version": locked_version,
        "page": page,
        "candidates": page.object_list,
        "full": len(selected) >= COMPARISON_MAX,
        "removals": [(a, filters.query([b for b in selected if b.pk != a.pk])) for a in selected],
        "max": COMPARISON_MAX,
    }
