"""The assessment page's vendor invitations: a submitted or decided assessment that never had any
shows no "Vendor invitations" section at all; one that had some lists them and says no one can
be invited any more; a draft without any says what to do, for whoever is looking; the invite
form says how long the link will work given the due date."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from assessments.lifecycle.services import assessment_submit
from assessments.models import Assessment
from tests.assessments.helpers import answer_all

pytestmark = pytest.mark.django_db

HEADING = "Vendor invitations"


def _page(user, assessment) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(f"/assessments/{assessment.pk}/")
    assert response.status_code == 200
    return " ".join(response.content.decode().split())  # sentences whatever their line breaks


def _submitted(assessment, procurement_user):
    answer_all(assessment, procurement_user)
    assessment_submit(actor=procurement_user, assessment_pk=assessment.pk)
    return Assessment.objects.get(pk=assessment.pk)


def test_a_submitted_or_decided_assessment_without_invitations_has_no_section(
    assessment, procurement_user, architect_user, viewer_user
):
    submitted = _submitted(assessment, procurement_user)
    for user in (procurement_user, architect_user, viewer_user):
        page = _page(user, submitted)
        assert HEADING not in page and "data-empty-invitations" not in page
    Assessment.objects.filter(pk=assessment.pk).update(status="approved")
    decided = Assessment.objects.get(pk=assessment.pk)
    assert HEADING not in _page(procurement_user, decided)


def test_a_submitted_assessment_with_invitations_lists_them_without_an_invite_form(
    assessment, invite, procurement_user
):
    invite(assessment)
    page = _page(procurement_user, _submitted(assessment, procurement_user))
    assert HEADING in page and "Jo Vendor" in page
    assert "no one can be invited any more" in page
    assert "Invite a vendor contact" not in page


def test_a_draft_without_invitations_says_what_to_do_for_each_role(
    assessment, procurement_user, architect_user, outsider_user
):
    mine = _page(procurement_user, assessment)
    assert "No vendor contact has been invited yet" in mine
    assert "invite one of their contacts with the form below" in mine
    theirs = _page(architect_user, assessment)
    assert "Procurement can invite one while the assessment is a draft" in theirs
    assert "Invite a vendor contact" not in theirs
    outsider = Client()
    outsider.force_login(outsider_user)
    assert outsider.get(f"/assessments/{assessment.pk}/").status_code in (403, 404)


def test_the_invite_form_says_how_long_the_link_works_given_the_due_date(
    assessment, procurement_user, settings
):
    settings.INVITATION_GRACE_DAYS = 7
    page = _page(procurement_user, assessment)
    assert "There is no due date: the link works for the days you choose" in page
    due = timezone.localdate() + timedelta(days=30)
    Assessment.objects.filter(pk=assessment.pk).update(due_date=due)
    page = _page(procurement_user, Assessment.objects.get(pk=assessment.pk))
    until = due + timedelta(days=7)
    assert (
        # The link's last moment, shown as its day in the reader's zone.
        "the link works at least until <time datetime="
        f'"{until.isoformat()}T23:59:00Z" title="{until.day} {until:%b %Y}, 23:59 UTC">'
        f"{until.day} {until:%b %Y}</time>"
    ) in page
    past = timezone.localdate() - timedelta(days=30)
    Assessment.objects.filter(pk=assessment.pk).update(due_date=past)
    page = _page(procurement_user, Assessment.objects.get(pk=assessment.pk))
    assert "has passed: the link works for the days you choose" in page
