"""The "changes since revision N" page: a reassessment compared with the revision it started
from (or any assessment given as ?against=), for every role that reads assessments."""

import datetime
import uuid

import pytest
from django.utils import timezone

from assessments.answers.services import answer_save
from assessments.lifecycle import assessment_reassess, assessment_submit
from assessments.models import Answer
from assessments.questionnaire.structure import questionnaire_structure
from assessments.review import services as review
from tests.assessments.helpers import answer_all, decide

pytestmark = pytest.mark.django_db

CHANGED = ("integration.traffic_path", "reterminates_undocumented")
UNCHANGED = "integration.facade_pattern"  # verified, still valid: carried over as it was


@pytest.fixture
def revision(assessment, procurement_user, architect_user):
    offering = assessment.offering
    offering.name = "<b>Gateway</b> & Co"
    offering.save()
    answer_all(assessment, procurement_user)
    assessment_submit(actor=procurement_user, assessment_pk=assessment.pk)
    review.review_start(actor=architect_user, assessment_pk=assessment.pk)
    review.answer_evidence_level_set(
        actor=architect_user,
        assessment_pk=assessment.pk,
        question_key=UNCHANGED,
        evidence_level="verified",
        valid_until=timezone.localdate() + datetime.timedelta(days=30),
    )
    decide(
        actor=architect_user,
        assessment_pk=assessment.pk,
        decision="approved",
        rationale="Good design, well documented.",
    )
    new = assessment_reassess(actor=procurement_user, assessment_pk=assessment.pk)
    answer = Answer.objects.get(assessment=new, question__key=CHANGED[0])
    answer_save(
        actor=procurement_user,
        assessment_pk=new.pk,
        question_key=CHANGED[0],
        option_key=CHANGED[1],
        evidence_level="claim",
        expected_version=answer.version,
    )
    return new


def _url(assessment, against=None) -> str:
    url = f"/assessments/{assessment.pk}/diff/"
    return f"{url}?against={against}" if against else url


def test_the_page_shows_a_changed_answer_and_not_an_unchanged_one(client, revision, viewer_user):
    client.force_login(viewer_user)
    response = client.get(_url(revision))
    assert response.status_code == 200
    page = response.content.decode()
    structure = questionnaire_structure(revision.questionnaire)
    changed = structure.question(CHANGED[0])
    assert "<h1>Changes since revision 1</h1>" in page
    assert f'id="q-{changed.key}"' in page
    assert changed.option(CHANGED[1]).label in page
    assert structure.question(UNCHANGED).text not in page
    assert f'id="q-{UNCHANGED}"' not in page
    assert '<span class="sev sev-high">high</span>' in page  # the finding the change added


def test_text_is_escaped(client, revision, viewer_user):
    client.force_login(viewer_user)
    page = client.get(_url(revision)).content.decode()
    assert "&lt;b&gt;Gateway&lt;/b&gt; &amp; Co" in page
    assert "<b>Gateway</b>" not in page


def test_any_assessment_can_be_named_to_compare_against(
    client, revision, assessment, procurement_user, architect_user
):
    client.force_login(architect_user)
    backwards = client.get(_url(assessment, against=revision.pk))
    assert backwards.status_code == 200
    assert "Changes since revision 2" in backwards.content.decode()
    client.force_login(procurement_user)
    assert client.get(_url(revision, against=assessment.pk)).status_code == 200


def test_without_a_revision_to_compare_with_the_page_is_not_found(
    client, revision, assessment, viewer_user
):
    client.force_login(viewer_user)
    assert client.get(_url(assessment)).status_code == 404  # the first revision has no previous
    assert client.get(_url(revision, against=uuid.uuid4())).status_code == 404
    assert client.get(_url(revision, against="not-a-uuid")).status_code == 404
    assert client.get(f"/assessments/{uuid.uuid4()}/diff/").status_code == 404


def test_outsiders_are_refused_and_anonymous_users_sent_to_sign_in(client, revision, outsider_user):
    anonymous = client.get(_url(revision))
    assert anonymous.status_code == 302
    assert anonymous["Location"] == f"/accounts/login/?next=/assessments/{revision.pk}/diff/"
    client.force_login(outsider_user)
    assert client.get(_url(revision)).status_code == 403
