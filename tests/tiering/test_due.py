"""What falls due: a tier-1 offering decided about 11 months ago is due in 30 days on the
procurement and architect dashboards, and its reminder is mailed once however often the nightly
job runs; certificates and reports ending, and conditions, are listed the same way."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from assessments.models import Condition, EvidenceDocument
from tests.assessments.evidence.test_documents import _evidence
from tests.factories import AssessmentFactory, OfferingFactory, UserFactory
from tiering.due import due_items, due_notices_queue, threshold_reached
from tiering.models import DueNotice
from tiering.rules import add_months, current_rules
from tiering.services import risk_profile_record
from tiering.tasks import send_due_notice

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
CRITICAL = {q.key: q.options[-1].key for q in current_rules().questions}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def tier_one_decided(questionnaire, procurement_user, architect_user, *, due_in_days=30):
    """A tier-1 offering whose last decision was 12 months before `due_in_days` from today."""
    offering = OfferingFactory(name="Acme Treasury Connect", vendor__name="Acme")
    risk_profile_record(actor=procurement_user, offering=offering, answers=CRITICAL)
    decided_on = add_months(TODAY + datetime.timedelta(days=due_in_days), -12)
    decided_at = timezone.make_aware(datetime.datetime.combine(decided_on, datetime.time(10)))
    assessment = AssessmentFactory(
        offering=offering,
        questionnaire=questionnaire,
        requester=procurement_user,
        status="approved",
        decided_at=decided_at,
        decided_by=architect_user,
    )
    return offering, assessment


def test_thresholds():
    assert [threshold_reached(d) for d in (61, 60, 31, 30, 1, 0, -5)] == [
        None, 60, 60, 30, 30, 0, 0,
    ]  # fmt: skip


def test_a_tier_one_offering_is_due_in_30_days_on_both_dashboards(
    client, questionnaire, procurement_user, architect_user
):
    tier_one_decided(questionnaire, procurement_user, architect_user)
    [item] = due_items()
    assert item.kind == "reassessment" and item.days_left(TODAY) == 30
    assert item.title == "Reassessment of Acme · Acme Treasury Connect (tier 1, every 12 months)"
    for user in (procurement_user, architect_user):
        client.force_login(user)
        page = client.get("/").content.decode()
        assert "Coming due in the next 60 days" in page
        assert "Reassessment of Acme · Acme Treasury Connect" in page and "due in 30 days" in page
    vendors = client.get("/vendors/").content.decode()
    assert "Tier 1" in vendors


def test_procurement_sees_only_what_it_requested(
    client, questionnaire, procurement_user, architect_user
):
    tier_one_decided(questionnaire, procurement_user, architect_user)
    client.force_login(UserFactory(username="other-buyer", role="procurement"))
    page = client.get("/").content.decode()
    assert "Nothing falls due in the next 60 days" in page


def test_the_reminder_is_mailed_once_per_threshold(
    questionnaire, procurement_user, architect_user, django_capture_on_commit_callbacks
):
    procurement_user.email, architect_user.email = "pat@example.com", "ada@example.com"
    procurement_user.save(), architect_user.save()
    tier_one_decided(questionnaire, procurement_user, architect_user)
    sent = []
    for _run in range(3):  # the job again, and after a restart: nothing twice
        with django_capture_on_commit_callbacks(execute=True):
            due_notices_queue(enqueue=sent.append)
    assert len(sent) == 1
    send_due_notice(sent[0])
    [message] = mail.outbox
    assert message.subject == (
        "Due in 30 days: Reassessment of Acme · Acme Treasury Connect (tier 1, every 12 months)"
    )
    assert sorted(message.to) == ["ada@example.com", "pat@example.com"]
    notice = DueNotice.objects.get()
    assert (notice.threshold_days, notice.kind) == (30, "reassessment")
    # On the day itself, the 0-day notice goes out (once).
    due_on = notice.due_on
    with django_capture_on_commit_callbacks(execute=True):
        due_notices_queue(today=due_on, enqueue=sent.append)
        due_notices_queue(today=due_on, enqueue=sent.append)
    assert len(sent) == 2 and DueNotice.objects.filter(threshold_days=0).count() == 1


def test_certificates_ending_and_conditions_are_due_too(
    questionnaire, procurement_user, architect_user
):
    assessment = AssessmentFactory(questionnaire=questionnaire, requester=procurement_user)
    key = assessment.questionnaire.questions.order_by("position").first().key
    evidence = _evidence(procurement_user, assessment, key, "iso.pdf")
    EvidenceDocument.objects.create(
        evidence=evidence,
        kind="iso27001",
        issuer="Example Certification Ltd",
        scope_products=["X"],
        expires_on=TODAY + datetime.timedelta(days=45),
    )
    _, decided = tier_one_decided(questionnaire, procurement_user, architect_user, due_in_days=90)
    decided.status = "approved_with_conditions"
    decided.save(update_fields=["status"])
    Condition.objects.create(
        assessment=decided, text="Rotate keys", owner="Ops", due_date=TODAY + datetime.timedelta(7)
    )
    kinds = [(i.kind, i.days_left(TODAY)) for i in due_items()]
    assert kinds == [("condition", 7), ("document", 45)]
    document = next(i for i in due_items() if i.kind == "document")
    assert document.title.startswith("ISO/IEC 27001 certificate by Example Certification Ltd")


def test_the_vendor_pages_show_documents_ending(client, questionnaire, procurement_user):
    assessment = AssessmentFactory(questionnaire=questionnaire, requester=procurement_user)
    key = assessment.questionnaire.questions.order_by("position").first().key
    evidence = _evidence(procurement_user, assessment, key, "iso.pdf")
    EvidenceDocument.objects.create(
        evidence=evidence,
        kind="iso27001",
        issuer="Example Certification Ltd",
        scope_products=["X"],
        expires_on=TODAY - datetime.timedelta(days=3),
    )
    other = AssessmentFactory(questionnaire=questionnaire, requester=procurement_user)
    EvidenceDocument.objects.create(
        evidence=_evidence(procurement_user, other, key, "pci.pdf"),
        kind="pci_dss_aoc",
        issuer="Other QSA Ltd",
        scope_products=["Y"],
        expires_on=TODAY + datetime.timedelta(days=10),
    )
    client.force_login(procurement_user)
    listing = client.get("/vendors/").content.decode()
    assert f'href="/vendors/{assessment.offering.vendor_id}/#expiring-h"' in listing
    assert f'href="/vendors/{other.offering.vendor_id}/#expiring-h"' in listing
    page = client.get(f"/vendors/{assessment.offering.vendor_id}/").content.decode()
    assert "ISO/IEC 27001 certificate by Example Certification Ltd" in page
    assert "stopped counting 3 days ago" in page
    assert "Other QSA Ltd" not in page  # another vendor's document
