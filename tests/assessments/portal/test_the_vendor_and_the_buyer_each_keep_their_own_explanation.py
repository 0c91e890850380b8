"""A vendor does not overwrite the buyer's notes, nor the buyer the vendor's words: each writes its
own field (Answer.explanation, Answer.vendor_explanation). Both are audited, told in the history
and shown side by side, labelled, to internal users; the vendor sees only their own; the API
shows both and lets nobody write the vendor's."""

import pytest
from django.test import Client

from assessments.answers.services import answer_save
from assessments.api.serializers import VENDOR_TEXT_READ_ONLY
from assessments.lifecycle.services import assessment_submit
from assessments.models import Answer, AuditEvent
from tests.assessments.helpers import answer_all
from tests.assessments.invitations.conftest import INVITED, answer_url, question_of
from tests.support.bidi import without_isolates

pytestmark = pytest.mark.django_db

VENDOR_SAYS = "Keys never leave the HSM cluster."
WE_NOTE = "Seen in their SOC 2 report, section 4."


@pytest.fixture
def question(questionnaire):
    return question_of(questionnaire, INVITED)


def _vendor_puts(vendor, assessment, question, text, version=None):
    body = {"option": question.options.all()[0].key, "text": text, "version": version}
    response = vendor.put(
        answer_url(assessment, question.key), body, content_type="application/json"
    )
    assert response.status_code in (200, 201), response.content
    return response.json()


def _buyer_saves(user, assessment, question, text, version):
    return answer_save(
        actor=user,
        assessment_pk=assessment.pk,
        question_key=question.key,
        option_key=question.options.all()[0].key,
        explanation=text,
        expected_version=version,
    )


def test_a_vendor_save_leaves_the_buyers_notes_and_the_buyers_save_the_vendors_words(
    vendor, assessment, question, procurement_user
):
    _vendor_puts(vendor, assessment, question, VENDOR_SAYS)
    _buyer_saves(procurement_user, assessment, question, WE_NOTE, 1)
    body = _vendor_puts(vendor, assessment, question, "Keys stay in the HSM.", version=2)
    answer = Answer.objects.get(assessment=assessment, question=question)
    assert (answer.vendor_explanation, answer.explanation) == ("Keys stay in the HSM.", WE_NOTE)
    assert body["text"] == "Keys stay in the HSM."  # the vendor's view: their words only
    assert WE_NOTE not in str(body)
    _buyer_saves(procurement_user, assessment, question, "Confirmed on a call.", 3)
    answer.refresh_from_db()
    assert (answer.vendor_explanation, answer.explanation) == (
        "Keys stay in the HSM.",
        "Confirmed on a call.",
    )


def test_both_texts_are_audited_and_told_apart_in_the_history(
    vendor, assessment, question, procurement_user
):
    _vendor_puts(vendor, assessment, question, VENDOR_SAYS)
    _buyer_saves(procurement_user, assessment, question, WE_NOTE, 1)
    _vendor_puts(vendor, assessment, question, "Changed by the vendor.", version=2)
    events = list(
        AuditEvent.objects.filter(assessment=assessment, action="answer.saved").order_by("id")
    )
    assert [(e.new["explanation"], e.new["vendor_explanation"]) for e in events] == [
        ("", VENDOR_SAYS),
        (WE_NOTE, VENDOR_SAYS),
        (WE_NOTE, "Changed by the vendor."),
    ]
    assert events[2].old["vendor_explanation"] == VENDOR_SAYS
    client = Client()
    client.force_login(procurement_user)
    page = without_isolates(client.get(f"/assessments/{assessment.pk}/history/").content.decode())
    assert "changed the vendor&#x27;s explanation of the answer to" in page
    assert "changed the explanation of the answer to" in page
    assert "Changed by the vendor." in page


def test_the_internal_form_shows_what_the_vendor_wrote_beside_our_notes(
    vendor, assessment, question, procurement_user, outsider_user
):
    _vendor_puts(vendor, assessment, question, VENDOR_SAYS)
    _buyer_saves(procurement_user, assessment, question, WE_NOTE, 1)
    client = Client()
    client.force_login(procurement_user)
    page = without_isolates(client.get(f"/assessments/{assessment.pk}/form/").content.decode())
    wrote = page.index("The vendor wrote")
    assert page.index(VENDOR_SAYS) > wrote
    notes = page.index("Our notes", wrote)
    assert page.index(WE_NOTE) > notes  # our notes in the textarea, after the vendor's words
    outsider = Client()
    outsider.force_login(outsider_user)
    assert outsider.get(f"/assessments/{assessment.pk}/form/").status_code in (403, 404)


def test_the_vendor_sees_only_their_own_words(vendor, assessment, question, procurement_user):
    _vendor_puts(vendor, assessment, question, VENDOR_SAYS)
    _buyer_saves(procurement_user, assessment, question, WE_NOTE, 1)
    page = vendor.get(f"/vendor/assessments/{assessment.pk}/").content.decode()
    assert VENDOR_SAYS in without_isolates(page)
    assert WE_NOTE not in without_isolates(page)
    assert "The vendor wrote" not in page and "Our notes" not in page


def test_the_review_row_labels_the_vendors_words_and_our_notes(
    vendor, assessment, question, procurement_user, architect_user
):
    _vendor_puts(vendor, assessment, question, VENDOR_SAYS)
    _buyer_saves(procurement_user, assessment, question, WE_NOTE, 1)
    answer_all(assessment, procurement_user, skip=(question.key,))
    assessment_submit(actor=procurement_user, assessment_pk=assessment.pk)
    client = Client()
    client.force_login(architect_user)
    page = client.get(f"/assessments/{assessment.pk}/review/?domain={INVITED}")
    assert page.status_code == 200
    html = without_isolates(page.content.decode())
    row = html[html.index(f'id="r-{question.key}"') :]
    assert row.index("The vendor wrote") < row.index(VENDOR_SAYS) < row.index("Our notes")
    assert row.index("Our notes") < row.index(WE_NOTE)


def test_the_api_shows_both_and_refuses_to_write_the_vendors(
    api, vendor, assessment, question, procurement_user
):
    _vendor_puts(vendor, assessment, question, VENDOR_SAYS)
    base = f"/api/v1/assessments/{assessment.pk}/answers"
    listed = api(procurement_user).get(f"{base}/").json()
    mine = next(a for a in listed if a["question_key"] == question.key)
    assert (mine["text"], mine["vendor_text"]) == ("", VENDOR_SAYS)
    for method in ("put", "patch"):
        refused = getattr(api(procurement_user), method)(
            f"{base}/{question.key}/", {"vendor_text": "", "version": 1}, format="json"
        )
        assert refused.status_code == 400
        assert refused.json()["vendor_text"] == [VENDOR_TEXT_READ_ONLY]
    assert Answer.objects.get(assessment=assessment, question=question).vendor_explanation == (
        VENDOR_SAYS
    )
    assert api(None).get(f"{base}/").status_code in (401, 403)
