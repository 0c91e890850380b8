""" "Mark my part as done" with questions still unanswered asks first: a page lists them (only
the invited domains', in questionnaire order) and confirming is a plain second POST with
confirm=1, no script needed. Confirmed, the open questions are recorded with it and listed in
procurement's e-mail; with nothing open it goes through at once."""

import re

import pytest
from django.core import mail
from django.test import Client

from assessments.invitations import invitation_unanswered
from assessments.models import AuditEvent, Invitation
from assessments.portal.services import UNANSWERED_MANY
from tests.assessments.helpers import answer_all
from tests.assessments.invitations.conftest import INVITED, OTHER_DOMAIN, answer_url, question_of
from tests.support.bidi import without_isolates

pytestmark = pytest.mark.django_db


def _done_url(assessment) -> str:
    return f"/vendor/assessments/{assessment.pk}/done/"


def _answer_first(vendor, assessment, questionnaire):
    question = question_of(questionnaire, INVITED)
    vendor.put(
        answer_url(assessment, question.key),
        {"option": question.options.all()[0].key},
        content_type="application/json",
    )
    return question


def test_done_with_open_questions_lists_them_and_changes_nothing(
    vendor, assessment, questionnaire, mail_now
):
    answered = _answer_first(vendor, assessment, questionnaire)
    open_questions = invitation_unanswered(Invitation.objects.get())
    assert open_questions and answered.key not in [q.key for q in open_questions]
    with mail_now():
        response = vendor.post(_done_url(assessment))
    assert response.status_code == 200
    page = without_isolates(response.content.decode())
    assert "Some questions have no answer yet" in page
    assert UNANSWERED_MANY.format(count=len(open_questions)) in page
    for question in open_questions:
        assert question.text in page
        assert f"#q-{question.key}" in page
    assert answered.text not in page
    other = question_of(questionnaire, OTHER_DOMAIN)
    assert other.text not in page  # another domain's questions are not the vendor's to answer
    assert Invitation.objects.get().done_at is None
    assert mail.outbox == []
    assert not AuditEvent.objects.filter(action="invitation.done").exists()
    # Confirming needs no script: a form that POSTs confirm=1 to the same address.
    form = re.search(r'<form method="post" action="([^"]+)"[^>]*>(.*?)</form>', page, re.S)
    assert form and form.group(1) == _done_url(assessment)
    assert '<input type="hidden" name="confirm" value="1">' in form.group(2)


def test_confirming_marks_done_and_records_and_mails_the_open_questions(
    vendor, assessment, questionnaire, procurement_user, mail_now
):
    procurement_user.email = "pat@buyer.example"
    procurement_user.save()
    _answer_first(vendor, assessment, questionnaire)
    open_questions = invitation_unanswered(Invitation.objects.get())
    with mail_now():
        response = vendor.post(_done_url(assessment), {"confirm": "1"})
    assert response.status_code == 302
    assert Invitation.objects.get().done_at is not None
    event = AuditEvent.objects.get(action="invitation.done")
    assert event.new["unanswered"] == [q.key for q in open_questions]
    (notice,) = mail.outbox
    body = without_isolates(notice.body)
    assert f"They left {len(open_questions)} questions without an answer" in body
    for question in open_questions:
        assert question.text in body


def test_with_every_invited_question_answered_done_goes_through_at_once(
    vendor, assessment, procurement_user, mail_now
):
    answer_all(assessment, procurement_user)
    assert invitation_unanswered(Invitation.objects.get()) == []
    with mail_now():
        response = vendor.post(_done_url(assessment))
    assert response.status_code == 302
    assert Invitation.objects.get().done_at is not None
    assert AuditEvent.objects.get(action="invitation.done").new["unanswered"] == []
    assert "without an answer" not in mail.outbox[0].body


def test_a_browser_without_the_vendors_session_is_refused(vendor, assessment):
    stranger = Client()
    assert stranger.post(_done_url(assessment), {"confirm": "1"}).status_code == 403
    assert Invitation.objects.get().done_at is None
