"""Sent back for clarification: procurement's dashboard, the answers page and the scorecard list
the open requests by question text (never a key), with the architect's message once and a link
straight to each answer."""

import pytest

from assessments.lifecycle.services import assessment_submit
from assessments.questionnaire.structure import questionnaire_structure
from assessments.review.services import assessment_request_changes, review_start
from tests.assessments.helpers import answer_all
from tests.support.bidi import without_isolates

pytestmark = pytest.mark.django_db
MESSAGE = "Which key management service holds the signing keys?"


@pytest.fixture
def sent_back(assessment, procurement_user, architect_user):
    keys = answer_all(assessment, procurement_user)
    assessment_submit(actor=procurement_user, assessment_pk=assessment.pk)
    review_start(actor=architect_user, assessment_pk=assessment.pk)
    asked = keys[3:5]
    assessment_request_changes(
        actor=architect_user, assessment_pk=assessment.pk, question_keys=asked, message=MESSAGE
    )
    structure = questionnaire_structure(assessment.questionnaire)
    return assessment, [(k, structure.question(k).text) for k in asked]


def _once_with_links(html: str, assessment, asked) -> None:
    html = without_isolates(html)
    assert html.count(MESSAGE) == 1
    for key, text in asked:
        assert f'href="/assessments/{assessment.pk}/form/#q-{key}">{text}</a>' in html
        assert f">{key}<" not in html


def test_the_dashboard_lists_them_for_the_requester_only(
    client, sent_back, procurement_user, architect_user
):
    assessment, asked = sent_back
    client.force_login(procurement_user)
    html = client.get("/").content.decode()
    assert "Waiting for your clarification" in html
    assert assessment.offering.name in html
    _once_with_links(html, assessment, asked)
    client.force_login(architect_user)
    assert "Waiting for your clarification" not in client.get("/").content.decode()


def test_the_answers_page_and_the_scorecard_say_so_at_the_top(client, sent_back, procurement_user):
    assessment, asked = sent_back
    client.force_login(procurement_user)
    form = client.get(f"/assessments/{assessment.pk}/form/").content.decode()
    # The list at the top; each asked answer also carries the request beside its own fields.
    start = form.index('<section class="notice clarifications"')
    _once_with_links(form[start : form.index("</section>", start)], assessment, asked)
    assert form.count(MESSAGE) == 1 + len(asked)
    card = client.get(f"/assessments/{assessment.pk}/").content.decode()
    assert "Changes requested:" in card
    assert card.index("Changes requested:") < card.index("Board report (PDF)")
    _once_with_links(card, assessment, asked)
