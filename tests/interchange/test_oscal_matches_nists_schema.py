"""The OSCAL export validates against NIST's own JSON schema for OSCAL 1.2.3 (kept unmodified in
tests/interchange/oscal/, its hash checked), not only against trestle's models: a decided
assessment with findings, conditions and evidence, a draft with every answer, an empty one."""

import hashlib
import json
from pathlib import Path

import jsonschema_rs
import pytest

from assessments.lifecycle.services import assessment_create
from tests.assessments.helpers import answer_all
from tests.factories import OfferingFactory
from tests.interchange.test_oscal_export import decided  # noqa: F401  (a fixture)

pytestmark = pytest.mark.django_db

SCHEMA = Path(__file__).parent / "oscal" / "oscal_complete_schema-1.2.3.json"
SCHEMA_SHA256 = "384324105c7a817af0f65b120a963146caa0e0d55d969cf0daf60e063b87a206"


@pytest.fixture(scope="module")
def validator():
    raw = SCHEMA.read_bytes()
    assert hashlib.sha256(raw).hexdigest() == SCHEMA_SHA256  # NIST's file, as published
    return jsonschema_rs.validator_for(json.loads(raw), validate_formats=True)


def _problems(validator, client, user, assessment) -> list[str]:
    client.force_login(user)
    response = client.get(f"/assessments/{assessment.pk}/export/results.oscal.json")
    assert response.status_code == 200
    document = json.loads(response.content)
    return [f"{list(e.instance_path)}: {e.message[:300]}" for e in validator.iter_errors(document)]


def test_a_decided_assessment_validates(validator, client, decided, viewer_user):  # noqa: F811
    assert _problems(validator, client, viewer_user, decided) == []


def test_a_draft_with_every_answer_validates(validator, client, questionnaire, procurement_user):
    draft = assessment_create(
        actor=procurement_user, offering=OfferingFactory(), questionnaire=questionnaire
    )
    answer_all(draft, procurement_user, skip=())
    assert _problems(validator, client, procurement_user, draft) == []


def test_an_empty_assessment_validates(validator, client, questionnaire, procurement_user):
    empty = assessment_create(
        actor=procurement_user, offering=OfferingFactory(), questionnaire=questionnaire
    )
    assert _problems(validator, client, procurement_user, empty) == []


def test_the_schema_would_refuse_a_broken_document(validator, client, decided, viewer_user):  # noqa: F811
    client.force_login(viewer_user)
    raw = client.get(f"/assessments/{decided.pk}/export/results.oscal.json").content
    untitled, guessed = json.loads(raw), json.loads(raw)
    del untitled["assessment-results"]["metadata"]["title"]
    guessed["assessment-results"]["results"][0]["observations"][0]["uuid"] = "not-a-uuid"
    assert not validator.is_valid(untitled)
    assert not validator.is_valid(guessed)
    assert validator.is_valid(json.loads(raw))
