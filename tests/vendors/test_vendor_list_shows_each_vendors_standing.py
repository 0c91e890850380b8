"""The vendors list shows each vendor's latest grade (provisional while required answers are
missing), its latest decision and its next review due (the nearest due date among assessments
not yet decided), read in a fixed number of queries however many vendors and assessments."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from assessments.models import Assessment, AssessmentSummary
from tests.factories import OfferingFactory, VendorFactory

pytestmark = pytest.mark.django_db


def _assessment(offering, questionnaire, requester, *, grade="C", missing=0, days=0, **fields):
    assessment = Assessment.objects.create(
        offering=offering, questionnaire=questionnaire, requester=requester, **fields
    )
    Assessment.objects.filter(pk=assessment.pk).update(
        created_at=timezone.now() + datetime.timedelta(minutes=days)
    )
    AssessmentSummary.objects.create(
        assessment=assessment,
        grade=grade,
        uncapped_grade=grade,
        recommendation="x",
        claimed=0,
        evidenced=0,
        gap=0,
        answered=1,
        applicable=2,
        open_critical=0,
        open_high=0,
        open_medium=0,
        open_low=0,
        accepted_findings=0,
        to_review=0,
        reviewed=0,
        to_reconfirm=0,
        missing_required=missing,
    )
    return assessment


def _vendor_row(html: str, name: str) -> str:
    start = html.index(name)
    return html[start : html.index("</tr>", start)]


def test_each_vendor_shows_latest_grade_decision_and_next_review(
    client, viewer_user, questionnaire, procurement_user
):
    today = timezone.localdate()
    acme = VendorFactory(name="Acme")
    gateway, vault = OfferingFactory(vendor=acme), OfferingFactory(vendor=acme)
    _assessment(
        gateway,
        questionnaire,
        procurement_user,
        grade="B",
        status="approved",
        decided_at=timezone.now(),
        decided_grade="B",
        due_date=today - datetime.timedelta(days=90),
    )
    _assessment(
        vault,
        questionnaire,
        procurement_user,
        grade="D",
        missing=5,
        status="draft",
        days=5,
        due_date=today + datetime.timedelta(days=20),
    )
    _assessment(
        vault,
        questionnaire,
        procurement_user,
        status="submitted",
        days=1,
        due_date=today + datetime.timedelta(days=60),
    )
    VendorFactory(name="Borealis")
    client.force_login(viewer_user)
    html = client.get("/vendors/").content.decode()
    acme_row = _vendor_row(html, "Acme")
    assert "grade-D provisional" in acme_row
    assert "provisional, draft" in acme_row
    assert "Approved (B)" in acme_row
    next_due = today + datetime.timedelta(days=20)
    assert f'<time datetime="{next_due:%Y-%m-%d}">' in acme_row
    assert f'href="/assessments/?vendor={acme.pk}"' in acme_row
    borealis_row = _vendor_row(html, "Borealis")
    assert "not assessed" in borealis_row
    assert "<time" not in borealis_row


def test_the_standing_costs_the_same_queries_for_few_or_many_vendors(
    client, viewer_user, questionnaire, procurement_user
):
    client.force_login(viewer_user)
    client.get("/vendors/")

    def add(count):
        for _ in range(count):
            offering = OfferingFactory()
            _assessment(offering, questionnaire, procurement_user, status="submitted")
            _assessment(offering, questionnaire, procurement_user, status="draft", days=1)

    add(2)
    with CaptureQueriesContext(connection) as few:
        client.get("/vendors/")
    add(20)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/vendors/")
    assert len(response.context["page"].object_list) == 22
    assert len(many) == len(few)
