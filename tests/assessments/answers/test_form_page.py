"""The form page: constant queries at any size, follow-ups hidden, read-only when it must be."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments.lifecycle.services import assessment_create
from assessments.questionnaire.loader import questionnaire_import
from assessments.questionnaire.schema import validate_document
from tests.assessments.helpers import answer_all
from tests.factories import OfferingFactory
from tests.support.questionnaires import synthetic_document

pytestmark = pytest.mark.django_db


def _assessment_of_size(size, actor):
    document = synthetic_document(size, key=f"syn{size}")
    version = questionnaire_import(
        document=validate_document(document, "synthetic"), source="synthetic"
    ).questionnaire
    assessment = assessment_create(actor=actor, offering=OfferingFactory(), questionnaire=version)
    answer_all(assessment, actor, pick="worst")
    return assessment


def _form_page_queries(client, assessment, size) -> int:
    client.get(f"/assessments/{assessment.pk}/form/")  # warm the questionnaire structure cache
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/assessments/{assessment.pk}/form/")
    assert response.status_code == 200
    assert response.content.count(b'class="question"') == size
    return len(queries)


def test_the_form_page_renders_with_a_constant_number_of_queries(client, procurement_user):
    client.force_login(procurement_user)
    counts = {
        size: _form_page_queries(client, _assessment_of_size(size, procurement_user), size)
        for size in (54, 300)
    }
    assert counts[54] <= 15
    assert counts[54] == counts[300], counts


def test_a_cold_cache_costs_three_more_queries_only(client, procurement_user):
    from assessments.questionnaire import structure

    client.force_login(procurement_user)
    assessment = _assessment_of_size(54, procurement_user)
    warm = _form_page_queries(client, assessment, 54)
    structure._cache.clear()
    structure._locked_by_id.clear()
    with CaptureQueriesContext(connection) as queries:
        client.get(f"/assessments/{assessment.pk}/form/")
    assert len(queries) == warm + 3


def test_follow_ups_are_hidden_until_their_trigger_is_chosen(client, assessment, procurement_user):
    client.force_login(procurement_user)
    html = client.get(f"/assessments/{assessment.pk}/form/").content.decode()
    follow_up = assessment.questionnaire.questions.exclude(show_if__isnull=True).first()
    start = html.index(f'id="q-{follow_up.key}"')
    assert " hidden" in html[start : html.index(">", start)]


def test_viewers_see_the_form_disabled_and_outsiders_are_refused(
    client, assessment, viewer_user, outsider_user
):
    client.force_login(viewer_user)
    response = client.get(f"/assessments/{assessment.pk}/form/")
    assert response.status_code == 200
    assert b" disabled" in response.content and b"Read-only" in response.content
    client.force_login(outsider_user)
    assert client.get(f"/assessments/{assessment.pk}/form/").status_code == 403


def test_procurement_sees_only_claim_and_documented_levels(client, assessment, procurement_user):
    client.force_login(procurement_user)
    html = client.get(f"/assessments/{assessment.pk}/form/").content.decode()
    first = html[html.index("data-level") : html.index("</select>")]
    assert 'value="claim"' in first and 'value="documented"' in first
    assert 'value="verified"' not in first and 'value="attested"' not in first
