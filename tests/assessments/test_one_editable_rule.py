""" "May answers still change?" has one definition (assessments/workflow.py: EDITABLE, read as
`Assessment.is_editable`). Every path that depends on it must agree with it in every status: a
copy of the rule that drifted would fail here."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from assessments.invitations.reminders import reminders_due
from assessments.models import Assessment
from tests.assessments.conftest import first_question
from tests.assessments.invitations.conftest import (  # noqa: F401  (invite: a fixture)
    INVITED,
    confirm,
    invite,
    question_of,
)

pytestmark = pytest.mark.django_db


def test_the_rule_is_draft_or_changes_requested():
    editable = {s for s in Assessment.Status.values if Assessment(status=s).is_editable}
    assert editable == {"draft", "changes_requested"}


@pytest.fixture
def in_status(assessment, invite):  # noqa: F811
    """The assessment moved to a status (as the workflow would have left it), with a vendor
    browser that confirmed its invitation while it was a draft."""

    def move(status: str):
        _, token = invite(assessment)
        vendor = Client()
        assert confirm(vendor, token).status_code == 302
        Assessment.objects.filter(pk=assessment.pk).update(
            status=status, due_date=timezone.localdate() + timedelta(days=3)
        )
        return Assessment.objects.get(pk=assessment.pk), vendor

    return move


@pytest.mark.parametrize("status", Assessment.Status.values)
def test_every_path_agrees_with_is_editable(status, in_status, procurement_user, api, client):
    assessment, vendor = in_status(status)
    editable = assessment.is_editable
    base = f"/api/v1/assessments/{assessment.pk}"
    question = first_question(assessment.questionnaire)
    option = question.options.first().key
    procurement = api(procurement_user)
    client.force_login(procurement_user)

    # The API says so, and its saves and evidence follow it.
    assert procurement.get(f"{base}/").json()["editable"] is editable
    saved = procurement.put(f"{base}/answers/{question.key}/", {"option": option}, format="json")
    assert (saved.status_code in (200, 201)) is editable, saved.content
    attached = procurement.post(
        f"{base}/evidence/", {"question_key": question.key, "url": "https://v.example/soc2"}
    )
    assert (attached.status_code == 201) is editable, attached.content
    invited = procurement.post(
        f"{base}/invitations/",
        {"email": "al@vendor.example", "name": "Al", "domains": [INVITED]},
        format="json",
    )
    assert (invited.status_code == 201) is editable, invited.content

    # The pages: the form's inputs, the submit button and the invite form.
    assert client.get(f"/assessments/{assessment.pk}/form/").context["editable"] is editable
    detail = client.get(f"/assessments/{assessment.pk}/").context
    assert detail["can_submit"] is editable
    assert detail["can_invite"] is editable

    # The vendor's portal: its form and its saves.
    vendor_question = question_of(assessment.questionnaire, INVITED)
    assert vendor.get(f"/vendor/assessments/{assessment.pk}/").context["editable"] is editable
    vendor_saved = vendor.put(
        f"/vendor/assessments/{assessment.pk}/answers/{vendor_question.key}/",
        {"option": vendor_question.options.first().key},
        content_type="application/json",
    )
    assert (vendor_saved.status_code in (200, 201)) is editable, vendor_saved.content

    # The daily reminders reach only invitations the vendor can still act on.
    due = {invitation.assessment_id for invitation, _ in reminders_due(today=timezone.localdate())}
    assert (assessment.pk in due) is editable
