"""An assessment as OSCAL assessment-results JSON: it parses back into compliance-trestle's models
(generated from NIST's schema) with every part the schema requires; each visible question is an
observation, each finding a finding, the offering the subject; the decision and the workbook's
scorecard digest are in the metadata; typed text comes back as the same plain text; UUIDs are
the same on every export of the same content."""

import io
import json
import uuid

import pytest
from openpyxl import load_workbook
from trestle.oscal import OSCAL_VERSION
from trestle.oscal.assessment_results import AssessmentResults

from assessments.answers import answer_sheet
from assessments.lifecycle.services import assessment_create
from interchange.export import assessment_export_xlsx
from tests.assessments.helpers import answer_all, decide, type_into_every_field
from tests.factories import OfferingFactory

pytestmark = pytest.mark.django_db

HOSTILE = "<script>alert(1)</script> =SUM(1)"
LINK = "https://vendor.example/trust?a=1&b=<2>"
NS = "urn:sbd-diligence:oscal"
# What the OSCAL schema requires of the document, its metadata and each result.
REQUIRED = {
    "document": ("uuid", "metadata", "import-ap", "results"),
    "metadata": ("title", "last-modified", "version", "oscal-version"),
    "result": ("uuid", "title", "description", "start", "reviewed-controls"),
}


@pytest.fixture
def decided(questionnaire, procurement_user, architect_user, settings, tmp_path):
    """Hostile text in every field, a file and a link as evidence, an override, an accepted risk
    and conditions; approved with conditions."""
    settings.MEDIA_ROOT = tmp_path
    offering = OfferingFactory(name=f"Offer {HOSTILE}", vendor__name="=SUM(1+1)")
    assessment = assessment_create(
        actor=procurement_user, offering=offering, questionnaire=questionnaire
    )
    type_into_every_field(
        assessment,
        procurement=procurement_user,
        architect=architect_user,
        text=HOSTILE,
        file_name="soc2 <report>.pdf",
        url=LINK,
    )
    decide(
        actor=architect_user,
        assessment_pk=assessment.pk,
        decision="approved_with_conditions",
        rationale=f"Rationale {HOSTILE}",
    )
    assessment.refresh_from_db()
    return assessment


def _export(client, user, assessment):
    client.force_login(user)
    response = client.get(f"/assessments/{assessment.pk}/export/results.oscal.json")
    assert response.status_code == 200
    return response


def _document(client, user, assessment) -> dict:
    return json.loads(_export(client, user, assessment).content)["assessment-results"]


def _props(item: dict) -> dict[str, str]:
    return {p["name"]: p["value"] for p in item.get("props", []) if p.get("ns") == NS}


def test_the_download_parses_back_into_trestles_models(client, decided, viewer_user, tmp_path):
    response = _export(client, viewer_user, decided)
    assert response["Content-Type"] == "application/json"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith('attachment; filename="SUM-1-1-Offer-')
    assert response["Content-Disposition"].endswith('.oscal.json"')
    path = tmp_path / "results.json"
    path.write_bytes(response.content)
    model = AssessmentResults.oscal_read(path)
    assert model is not None and model.metadata.oscal_version.root.root == OSCAL_VERSION
    document = json.loads(response.content)["assessment-results"]
    assert AssessmentResults.model_validate(document).uuid == document["uuid"]
    assert all(key in document for key in REQUIRED["document"])
    assert all(key in document["metadata"] for key in REQUIRED["metadata"])
    [result] = document["results"]
    assert all(key in result for key in REQUIRED["result"])
    assert result["reviewed-controls"]["control-selections"][0]["include-all"] == {}


def test_the_plan_it_imports_is_the_questionnaire_inside_the_document(client, decided, viewer_user):
    document = _document(client, viewer_user, decided)
    href = document["import-ap"]["href"]
    [resource] = [r for r in document["back-matter"]["resources"] if f"#{r['uuid']}" == href]
    assert _props(resource) == {
        "questionnaire-key": decided.questionnaire.key,
        "questionnaire-version": str(decided.questionnaire.version),
    }


def test_each_visible_question_is_an_observation_of_the_offering(
    client, questionnaire, procurement_user, viewer_user
):
    offering = OfferingFactory(name="Mail", vendor__name="Acme")
    assessment = assessment_create(
        actor=procurement_user, offering=offering, questionnaire=questionnaire
    )
    keys = answer_all(assessment, procurement_user, level="documented")
    skipped = keys.pop()  # the last: no later question's visibility hangs on it
    assessment.answers.filter(question__key=skipped).delete()
    sheet = answer_sheet(assessment=assessment)
    visible = [row for row in sheet.rows if not row.hidden]
    [result] = _document(client, viewer_user, assessment)["results"]
    [component] = result["local-definitions"]["components"]
    assert component["title"] == "Mail (Acme)"
    observations = {_props(o)["question-key"]: o for o in result["observations"]}
    assert list(observations) == [row.key for row in visible]
    for row in visible:
        observation = observations[row.key]
        assert observation["title"] == " ".join(row.question.text.split())
        assert observation["subjects"] == [
            {"subject-uuid": component["uuid"], "type": "component", "title": "Mail (Acme)"}
        ]
        if row.key in keys:
            assert observation["description"] == row.answer_label
            assert observation["methods"] == ["EXAMINE"]
            assert _props(observation)["evidence-level-set"] == "documented"
    assert observations[skipped]["description"] == "Not answered"
    assert observations[skipped]["methods"] == ["UNKNOWN"]


def test_each_finding_is_a_finding_linked_to_its_observation(client, decided, viewer_user):
    card = answer_sheet(assessment=decided).scorecard.to_dict()
    [result] = _document(client, viewer_user, decided)["results"]
    observations = {o["uuid"]: _props(o)["question-key"] for o in result["observations"]}
    findings = {_props(f)["question-key"]: f for f in result["findings"]}
    assert sorted(findings) == sorted(f["question"] for f in card["findings"])
    accepted = [f["question"] for f in card["findings"] if f["accepted"]]
    assert accepted
    for key, finding in findings.items():
        target = finding["target"]
        assert (target["type"], target["target-id"]) == ("objective-id", key)
        assert target["status"]["state"] == "not-satisfied"
        [link] = finding["related-observations"]
        assert observations[link["observation-uuid"]] == key
        assert _props(finding)["finding-status"] in ("open", "conditioned", "accepted")
    risks = {r["uuid"]: r for r in result["risks"]}
    for key in accepted:
        finding = findings[key]
        assert _props(finding)["finding-status"] == "accepted"
        assert finding["remarks"] == f"Risk accepted: {HOSTILE}"
        [risk] = finding["related-risks"]
        assert risks[risk["risk-uuid"]]["status"] == "deviation-approved"
    assert len(risks) == len(accepted)


def test_the_metadata_has_the_decision_and_the_workbooks_digest(client, decided, viewer_user):
    metadata = _document(client, viewer_user, decided)["metadata"]
    book = load_workbook(io.BytesIO(assessment_export_xlsx(assessment=decided)))
    about = dict(book["About"].iter_rows(values_only=True))
    props = _props(metadata)
    assert props["scorecard-sha256"] == about["Scorecard SHA-256"]
    assert props["grade"] == about["Grade"]
    assert (props["decision"], props["decided-by"]) == ("approved_with_conditions", "ada")
    assert props["decided-at"] == decided.decided_at.isoformat()
    assert metadata["title"] == (
        f"=SUM(1+1) Offer {HOSTILE} — security due diligence, revision {decided.revision}"
    )
    assert f"Rationale: Rationale {HOSTILE}" in metadata["remarks"]
    assert f"Condition: {HOSTILE}" in metadata["remarks"]


def test_typed_text_comes_back_as_the_same_plain_text(client, decided, viewer_user):
    [result] = _document(client, viewer_user, decided)["results"]
    answer = decided.answers.exclude(explanation="").get()
    [observation] = [
        o for o in result["observations"] if _props(o)["question-key"] == answer.question.key
    ]
    assert f"Our notes: {answer.explanation}" in observation["remarks"]
    assert f"The vendor wrote: {answer.vendor_explanation}" in observation["remarks"]
    assert answer.explanation == HOSTILE
    evidence = observation["relevant-evidence"]
    assert [e["description"] for e in evidence] == ["soc2 <report>.pdf", LINK]
    assert [e["remarks"] for e in evidence] == [HOSTILE, HOSTILE]
    file_item, link_item = evidence
    assert "href" not in file_item  # never a download address on this server
    assert _props(file_item)["sha256"] == decided.answers.get(pk=answer.pk).evidence.first().sha256
    assert link_item["href"] == "https://vendor.example/trust?a=1&b=%3C2%3E"  # a valid URI
    [component] = result["local-definitions"]["components"]
    assert component["title"] == f"Offer {HOSTILE} (=SUM(1+1))"


def test_the_same_content_exports_the_same_bytes(
    client, decided, questionnaire, procurement_user, viewer_user
):
    first = _export(client, viewer_user, decided).content
    assert _export(client, viewer_user, decided).content == first
    document = json.loads(first)["assessment-results"]
    ids = [o["uuid"] for o in document["results"][0]["observations"]]
    assert {uuid.UUID(i).version for i in ids} == {5}
    other = assessment_create(
        actor=procurement_user, offering=decided.offering, questionnaire=questionnaire
    )
    answer_all(other, procurement_user)
    again = _document(client, viewer_user, other)["results"][0]["observations"]
    assert not set(ids) & {o["uuid"] for o in again}


def test_the_assessment_page_links_to_the_export(client, decided, viewer_user):
    client.force_login(viewer_user)
    page = client.get(f"/assessments/{decided.pk}/").content.decode()
    assert f'href="/assessments/{decided.pk}/export/results.oscal.json">as OSCAL</a>' in page


def test_an_outsider_a_stranger_and_an_unknown_id_are_refused(client, decided, outsider_user):
    path = f"/assessments/{decided.pk}/export/results.oscal.json"
    assert client.get(path).status_code == 302  # to the sign-in page
    client.force_login(outsider_user)
    assert client.get(path).status_code == 403
    client.force_login(decided.requester)
    assert client.get(f"/assessments/{uuid.uuid4()}/export/results.oscal.json").status_code == 404
