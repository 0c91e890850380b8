"""Questionnaire v2 loads beside v1, round-trips through dump and load, becomes what new assessments
use, and leaves every v1 assessment's stored snapshot recomputing byte for byte."""

import pytest
from django.core.management import call_command

from assessments.lifecycle import assessment_create, assessment_submit
from assessments.models import QuestionnaireVersion, ScorecardSnapshot
from assessments.questionnaire.loader import document_sha256, parse_questionnaire_text
from assessments.questionnaire.structure import questionnaire_structure
from assessments.scoring_adapter import assessment_score
from tests.assessments.helpers import answer_all
from tests.factories import OfferingFactory
from tests.support.questionnaires import REAL_QUESTIONNAIRE_V2

pytestmark = pytest.mark.django_db


def test_v2_has_ten_scored_domains_and_a_context_domain(questionnaire_v2):
    structure = questionnaire_structure(questionnaire_v2)
    assert (questionnaire_v2.key, questionnaire_v2.version, questionnaire_v2.status) == (
        "sbd",
        2,
        "published",
    )
    scored = [d for d in structure.domains if any(q.scored for q in d.questions)]
    assert len(scored) >= 10
    basics = next(d for d in structure.domains if d.key == "basics")
    flagged = [
        q
        for q in basics.questions
        if any(o.finding_severity for o in q.options if not o.is_unknown)
    ]
    assert len(basics.questions) >= 8 and len(flagged) >= 3
    context = [q.key for q in structure.questions if not q.scored]
    assert context[0] == "product.deployment"
    assert questionnaire_v2.scoring_policy["follow_ups"] == "refine"
    assert questionnaire_v2.carries_from["version"] == 1


def test_dumping_v2_and_loading_the_dump_changes_nothing(questionnaire_v2, tmp_path):
    dumped = tmp_path / "v2.yaml"
    call_command("dump_questionnaire", "sbd", "2", "-o", str(dumped))
    again = parse_questionnaire_text(dumped.read_text(), "v2.yaml")
    assert document_sha256(again) == questionnaire_v2.content_sha256
    # "Not carried" (null) survives the round trip: it is not the same as leaving an entry out.
    carried = again["carries_from"]["questions"]
    assert carried["update_channel.release_validation"] is None
    assert carried["control_plane.saas_unreachable"]["options"]["degraded_documented"] is None


def test_new_assessments_default_to_the_newest_published_version(
    questionnaire_v2, procurement_user, api, client
):
    client.force_login(procurement_user)
    form = client.get("/assessments/new/").context["form"]
    assert form["questionnaire"].initial == questionnaire_v2
    offering = OfferingFactory()
    response = api(procurement_user).post(
        "/api/v1/assessments/", {"offering": str(offering.pk)}, format="json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["questionnaire"] == questionnaire_v2.pk


def test_v1_snapshots_recompute_byte_for_byte_after_v2_is_loaded(
    questionnaire, procurement_user, django_db_blocker
):
    assessment = assessment_create(
        actor=procurement_user, offering=OfferingFactory(), questionnaire=questionnaire
    )
    answer_all(assessment, procurement_user, pick="worst")
    assessment_submit(actor=procurement_user, assessment_pk=assessment.pk)
    stored = ScorecardSnapshot.objects.get(assessment=assessment)
    call_command("load_questionnaire", str(REAL_QUESTIONNAIRE_V2))
    assert QuestionnaireVersion.objects.filter(key="sbd", version=2).exists()
    scored = assessment_score(assessment=assessment)
    assert scored.snapshot_json().decode() == stored.scorecard_json
    assert scored.inputs_sha256 == stored.inputs_sha256
