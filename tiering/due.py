"""What falls due in the next 60 days: reassessments (the last decision plus the tier's interval),
evidence documents that stop counting (a certificate's expiry, a SOC 2 period's end plus 12
months), and conditions of approval. The dashboards list them; the nightly job mails the people
concerned once per threshold (60, 30 and 0 days), each recorded in DueNotice before its mail is
queued, so a second run or a restart sends nothing twice.
"""

import datetime
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from assessments.attestation import document_facts
from assessments.models import Assessment, Condition, EvidenceDocument
from scoring import counts_until
from tiering.models import DueNotice, RiskProfile
from tiering.selectors import offerings_cadence

THRESHOLDS = (60, 30, 0)
WINDOW_DAYS = THRESHOLDS[0]


@dataclass(frozen=True)
class DueItem:
    kind: str
    """reassessment, document or condition."""
    object_id: str
    due_on: datetime.date
    title: str
    url: str
    assessment: Assessment

    def days_left(self, today: datetime.date) -> int:
        return (self.due_on - today).days

    @property
    def when_now(self) -> str:
        return self.when_words(timezone.localdate())

    def when_words(self, today: datetime.date) -> str:
        days = self.days_left(today)
        if self.kind == "document":
            return self._document_when(days)
        if days < 0:
            return f"overdue by {-days} day{'s' if days != -1 else ''}"
        if days == 0:
            return "due today"
        return f"due in {days} day{'s' if days != 1 else ''}"

    @staticmethod
    def _document_when(days: int) -> str:
        if days < 0:
            return f"stopped counting {-days} day{'s' if days != -1 else ''} ago"
        if days == 0:
            return "stops counting today"
        return f"stops counting in {days} day{'s' if days != 1 else ''}"


def threshold_reached(days_left: int) -> int | None:
    """The tightest threshold the item has reached (None while more than 60 days away)."""
    reached = [t for t in THRESHOLDS if days_left <= t]
    return min(reached) if reached else None


def _latest_assessments(offering_ids) -> dict:
    """Offering id → its most recently decided assessment."""
    latest = dict(
        Assessment.objects.filter(offering_id__in=offering_ids, decided_at__isnull=False)
        .values("offering_id")
        .annotate(last=Max("decided_at"))
        .values_list("offering_id", "last")
    )
    found = {}
    for assessment in Assessment.objects.filter(
        offering_id__in=latest.keys(), decided_at__in=latest.values()
    ).select_related("offering__vendor", "requester", "decided_by"):
        if latest.get(assessment.offering_id) == assessment.decided_at:
            found[assessment.offering_id] = assessment
    return found


def _reassessments(last_day: datetime.date) -> list[DueItem]:
    ids = list(RiskProfile.objects.values_list("offering_id", flat=True))
    if not ids:
        return []
    cadence = offerings_cadence(ids)
    latest = _latest_assessments(ids)
    items = []
    for offering_id, c in cadence.items():
        assessment = latest.get(offering_id)
        if c.next_review_due is None or assessment is None or c.next_review_due > last_day:
            continue
        offering = assessment.offering
        items.append(
            DueItem(
                "reassessment",
                str(offering_id),
                c.next_review_due,
                f"Reassessment of {offering.vendor.name} · {offering.name} (tier {c.tier}, "
                f"every {c.review_every_months} months)",
                reverse("assessments:detail", args=[assessment.pk]),
                assessment,
            )
        )
    return items


def _documents(last_day: datetime.date, vendor_ids=None) -> list[DueItem]:
    """Documents of each offering's newest revision (an older revision's have been replaced);
    only those of `vendor_ids`, when given (the vendor pages read a page's worth)."""
    documents = EvidenceDocument.objects.filter(
        evidence__answer__assessment__revisions__isnull=True
    )
    if vendor_ids is not None:
        documents = documents.filter(
            evidence__answer__assessment__offering__vendor_id__in=list(vendor_ids)
        )
    documents = list(
        documents.select_related(
            "evidence__answer__assessment__offering__vendor",
            "evidence__answer__assessment__requester",
            "evidence__answer__assessment__reviewer",
        ).order_by("pk")
    )
    bridged: dict[int, datetime.date] = {}
    for letter in documents:
        if letter.kind == "bridge_letter" and letter.bridges_id and letter.period_end:
            bridged[letter.bridges_id] = max(
                letter.period_end, bridged.get(letter.bridges_id, letter.period_end)
            )
    items = []
    for document in documents:
        ends = counts_until(document_facts(document, bridged.get(document.pk)))
        if ends is None or ends > last_day:
            continue
        assessment = document.evidence.answer.assessment
        items.append(
            DueItem(
                "document",
                str(document.pk),
                ends,
                f"{document.label} for {assessment.offering.vendor.name} · "
                f"{assessment.offering.name}",
                reverse(
                    "assessments:evidence-document", args=[assessment.pk, document.evidence_id]
                ),
                assessment,
            )
        )
    return items


def _conditions_due(last_day: datetime.date, requester_id=None):
    conditions = Condition.objects.filter(
        assessment__status=Assessment.Status.APPROVED_WITH_CONDITIONS,
        done_at__isnull=True,
        due_date__isnull=False,
        due_date__lte=last_day,
    )
    if requester_id is not None:
        conditions = conditions.filter(assessment__requester_id=requester_id)
    return conditions.order_by("due_date", "pk")


def _conditions(conditions) -> list[DueItem]:
    url = reverse("assessments:conditions") + "?state=open"
    rows = conditions.select_related(
        "assessment__offering__vendor", "assessment__requester", "assessment__decided_by"
    )
    return [
        DueItem(
            "condition",
            str(c.pk),
            c.due_date,
            f"Condition of approval for {c.assessment.offering.vendor.name} · "
            f"{c.assessment.offering.name}",
            url,
            c.assessment,
        )
        for c in rows
    ]


def documents_due(*, today: datetime.date, vendor_ids) -> list[DueItem]:
    """The vendors' documents that stop counting within WINDOW_DAYS, or have already, soonest
    first."""
    last_day = today + datetime.timedelta(days=WINDOW_DAYS)
    return sorted(_documents(last_day, vendor_ids), key=lambda d: d.due_on)


def _soonest(items) -> list[DueItem]:
    return sorted(items, key=lambda item: (item.due_on, item.kind, item.title))


def due_items(*, today: datetime.date | None = None) -> list[DueItem]:
    """Everything due within WINDOW_DAYS or overdue, soonest first."""
    today = today or timezone.localdate()
    last_day = today + datetime.timedelta(days=WINDOW_DAYS)
    conditions = _conditions(_conditions_due(last_day))
    return _soonest([*_reassessments(last_day), *_documents(last_day), *conditions])


def due_panel(
    *, today: datetime.date | None = None, requester_id=None, limit: int
) -> tuple[list[DueItem], int]:
    """The `limit` soonest items (those of one requester's assessments, if given) and how many
    there are in all: conditions, the many, are counted and cut in the database."""
    today = today or timezone.localdate()
    last_day = today + datetime.timedelta(days=WINDOW_DAYS)
    others = [*_reassessments(last_day), *_documents(last_day)]
    if requester_id is not None:
        others = [i for i in others if i.assessment.requester_id == requester_id]
    conditions = _conditions_due(last_day, requester_id)
    total = len(others) + conditions.count()
    return _soonest([*others, *_conditions(conditions[:limit])])[:limit], total


def _recipients(item: DueItem) -> list[str]:
    assessment = item.assessment
    people = [assessment.requester, assessment.decided_by, assessment.reviewer]
    emails = []
    for person in people:
        email = getattr(person, "email", "") if person is not None else ""
        if email and email not in emails and getattr(person, "is_active", False):
            emails.append(email)
    return emails


def due_notice_record(item: DueItem, threshold: int) -> DueNotice | None:
    """The notice for this item at this threshold, or None when it was sent already."""
    try:
        with transaction.atomic():
            return DueNotice.objects.create(
                kind=item.kind,
                object_id=item.object_id,
                due_on=item.due_on,
                threshold_days=threshold,
                recipients=_recipients(item),
            )
    except IntegrityError:
        return None


def due_notices_queue(*, today: datetime.date | None = None, enqueue) -> int:
    """Records and queues (through `enqueue(notice_id)`, after commit) every notice now due."""
    today = today or timezone.localdate()
    queued = 0
    for item in due_items(today=today):
        threshold = threshold_reached(item.days_left(today))
        if threshold is None:
            continue
        notice = due_notice_record(item, threshold)
        if notice is not None and notice.recipients:
            transaction.on_commit(partial(enqueue, notice.pk))
            queued += 1
    return queued


def due_notice_message(notice: DueNotice, *, today: datetime.date | None = None):
    """The mail of a recorded notice, built when it is sent (None if the item is gone)."""
    from django.core.mail import EmailMessage

    today = today or timezone.localdate()
    item = next(
        (
            i
            for i in due_items(today=today)
            if (i.kind, i.object_id, i.due_on) == (notice.kind, notice.object_id, notice.due_on)
        ),
        None,
    )
    if item is None:
        return None
    when = item.when_words(today)
    link = settings.APP_BASE_URL.rstrip("/") + item.url
    body = (
        f"{item.title}: {when} ({item.due_on:%-d %B %Y}).\n\n"
        f"Open it here: {link}\n\n"
        "You receive this because you requested, reviewed or decided the assessment. "
        "Each item is announced 60 and 30 days ahead and on the day."
    )
    subject = " ".join(f"{when.capitalize()}: {item.title}".split())[:200]
    return EmailMessage(subject=subject, body=body, to=notice.recipients)
