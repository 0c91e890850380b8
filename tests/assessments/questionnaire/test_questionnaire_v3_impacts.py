"""Questionnaire v3: v2's questions with what each weak answer costs us (impacts) and the criteria
each question helps to check (references). It loads beside v1 and v2, round-trips, carries v2's
answers one to one, leaves v2 snapshots byte for byte, and its findings land in the matrix."""

import pytest
from django.core.management import call_command

from assessments.lifecycle import assessment_create, assessment_submit
from assessments.lifecycle.reassessment import assessment_reassess
from assessments.models import ScorecardSnapshot
from assessments.questionnaire.loader import document_sha256, parse_questionnaire_text
from assessments.questionnaire.structure import questionnaire_structure
from assessments.review.services.verdicts import review_start
from assessments.scoring_adapter import assessment_score
from scoring import impact_matrix
from tests.assessments.helpers import answer_all, decide
from tests.factories import OfferingFactory
from tests.support.questionnaires import REAL_QUESTIONNAIRE_V2, REAL_QUESTIONNAIRE_V3

pytestmark = pytest.mark.django_db


def _document(path):
    return parse_questionnaire_text(path.read_text(), path.name)


def test_v3_is_v2_plus_impacts_and_references_and_nothing_else():
    v2, v3 = _document(REAL_QUESTIONNAIRE_V2), _document(REAL_QUESTIONNAIRE_V3)
    assert v3["scoring"].pop("impacts") == "required"
    assert v3.pop("reference_schemes")
    assert v3.pop("carries_from") == {"version": 2, "questions": {}}
    for domain in v3["domains"]:
        for question in domain["questions"]:
            question.pop("references", None)
            for option in question["options"]:
                option.pop("impacts", None)
    v2.pop("carries_from")
    for document in (v2, v3):
        document.pop("version")
        document.pop("description")
    assert v3 == v2


def test_every_red_flag_has_impacts_and_two_thirds_of_questions_cite_criteria():
    v3 = _document(REAL_QUESTIONNAIRE_V3)
    questions = [q for d in v3["domains"] for q in d["questions"]]
    for question in questions:
        for option in question["options"]:
            flag = option["finding"] or (option["unknown"] and question.get("unknown_finding"))
            if flag or (question.get("scored", True) and option["score"] < 50):
                assert option.get("impacts"), f"{question['key']}.{option['key']}"
    cited = [q for q in questions if q.get("references")]
    assert len(cited) * 3 >= len(questions) * 2, f"{len(cited)} of {len(questions)}"
    schemes = {s["key"] for s in v3["reference_schemes"]}
    assert {"nist_ssdf", "iso27001_2022", "csa_ccm_v4", "cisa_sbd"} <= schemes


def test_v3_loads_beside_v1_and_v2_and_dumping_it_changes_nothing(questionnaire_v3, tmp_path):
    assert (questionnaire_v3.version, questionnaire_v3.status) == (3, "published")
    dumped = tmp_path / "v3.yaml"
    call_command("dump_questionnaire", "sbd", "3", "-o", str(dumped))
    again = parse_questionnaire_text(dumped.read_text(), "v3.yaml")
    assert document_sha256(again) == questionnaire_v3.content_sha256
    facade = questionnaire_structure(questionnaire_v3).question("integration.facade_pattern")
    facade_only = facade.option("facade_only")
    assert {i.quality for i in facade_only.impacts} >= {"maintainability", "cost"}
    assert ("iso27001_2022", "A.8.27") in facade.references


def test_v2_snapshots_recompute_byte_for_byte_after_v3_is_loaded(
    questionnaire_v2, procurement_user
):
    assessment = assessment_create(
        actor=procurement_user, offering=OfferingFactory(), questionnaire=questionnaire_v2
    )
    answer_all(assessment, procurement_user, pick="worst")
    assessment_submit(actor=procurement_user, assessment_pk=assessment.pk)
    stored = ScorecardSnapshot.objects.get(assessment=assessment)
    call_command("load_questionnaire", str(REAL_QUESTIONNAIRE_V3))
    scored = assessment_score(assessment=assessment)
    assert scored.snapshot_json().decode() == stored.scorecard_json
    assert "impacts" not in stored.scorecard_json


def test_a_v2_reassessment_carries_every_answer_onto_v3_and_its_findings_carry_impacts(
    questionnaire_v2, procurement_user, architect_user
):
    source = assessment_create(
        actor=procurement_user, offering=OfferingFactory(), questionnaire=questionnaire_v2
    )
    answered = answer_all(source, procurement_user, pick="worst")
    assessment_submit(actor=procurement_user, assessment_pk=source.pk)
    review_start(actor=architect_user, assessment_pk=source.pk)
    decide(
        actor=architect_user,
        assessment_pk=source.pk,
        decision="rejected",
        rationale="Too many open red flags for this process.",
    )
    call_command("load_questionnaire", str(REAL_QUESTIONNAIRE_V3))
    revision = assessment_reassess(actor=procurement_user, assessment_pk=source.pk)
    assert revision.questionnaire.version == 3
    assert revision.uncarried == [] and revision.answers.count() == len(answered)
    findings = assessment_score(assessment=revision).scorecard.findings
    assert findings and all(f.impacts for f in findings)
    matrix = impact_matrix(findings)
    assert matrix.cell("maintainability", "long_term").weight > 0
    assert matrix.open_weight == sum(
        {"critical": 8, "high": 4, "medium": 2, "low": 1}[f.severity]
        * sum(len(i.horizons) for i in f.impacts)
        for f in findings
    )


def test_the_best_answers_to_v3_leave_the_matrix_empty(questionnaire_v3, procurement_user):
    assessment = assessment_create(
        actor=procurement_user, offering=OfferingFactory(), questionnaire=questionnaire_v3
    )
    answer_all(assessment, procurement_user, pick="best")
    assert impact_matrix(assessment_score(assessment=assessment).scorecard.findings).is_empty


def test_the_api_shows_each_questions_criteria_and_each_options_impacts(
    api, viewer_user, questionnaire_v3
):
    body = api(viewer_user).get(f"/api/v1/questionnaires/{questionnaire_v3.pk}/").json()
    schemes = {s["key"]: s for s in body["reference_schemes"]}
    assert (
        schemes["nist_ssdf"]["label"] == "NIST SSDF" and "PW.4.1" in schemes["nist_ssdf"]["items"]
    )
    questions = {q["key"]: q for d in body["domains"] for q in d["questions"]}
    facade = questions["integration.facade_pattern"]
    assert {"scheme": "iso27001_2022", "id": "A.8.27"} in facade["references"]
    facade_only = next(o for o in facade["options"] if o["key"] == "facade_only")
    assert {k: v for k, v in facade_only["impacts"][0].items() if k != "reason"} == {
        "quality": "maintainability",
        "horizon": ["long_term"],
    }
    native = next(o for o in facade["options"] if o["key"] == "native")
    assert native["impacts"] == []
