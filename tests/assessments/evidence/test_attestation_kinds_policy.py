"""A questionnaire file can say, per domain, which kinds of document may back an attested answer
(scoring.attestation_kinds); the loader refuses a wrong one with its place named, files without it
score as before, and a document of another kind is flagged where the policy narrows the kinds."""

import copy
import datetime

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile

from assessments.attestation import attestation_checks
from assessments.evidence import evidence_add
from assessments.evidence.documents import document_record
from assessments.lifecycle.services import assessment_create
from assessments.questionnaire.errors import QuestionnaireError
from assessments.questionnaire.loader import questionnaire_import
from assessments.questionnaire.schema import validate_document
from tests.factories import OfferingFactory
from tests.support import files
from tests.support.questionnaires import REAL_QUESTIONNAIRE

RAW = yaml.safe_load(REAL_QUESTIONNAIRE.read_text())
FIRST_DOMAIN = RAW["domains"][1]["key"]


def _with(kinds) -> dict:
    raw = copy.deepcopy(RAW)
    raw["scoring"]["attestation_kinds"] = kinds
    return raw


@pytest.mark.parametrize(
    ("kinds", "says"),
    [
        ({"nowhere": ["iso27001"]}, "scoring.attestation_kinds.nowhere: 'nowhere' is not a domain"),
        (
            {FIRST_DOMAIN: ["soc4"]},
            f"scoring.attestation_kinds.{FIRST_DOMAIN}: 'soc4' is not a kind",
        ),
        ({FIRST_DOMAIN: ["soc2_type1"]}, "'soc2_type1' can never back an attested answer"),
        ({FIRST_DOMAIN: ["policy"]}, "'policy' can never back an attested answer"),
        ({FIRST_DOMAIN: []}, "must be a list of document kinds"),
        (["iso27001"], "scoring.attestation_kinds: must be a mapping of domain keys"),
    ],
)
def test_a_wrong_policy_is_refused_with_its_place(kinds, says):
    with pytest.raises(QuestionnaireError) as refused:
        validate_document(_with(kinds), "test.yaml")
    assert says in str(refused.value)


def test_files_without_it_normalise_as_before():
    assert "attestation_kinds" not in validate_document(copy.deepcopy(RAW), "v1.yaml")["scoring"]


@pytest.mark.django_db
def test_where_the_policy_narrows_the_kinds_another_kind_is_flagged(
    settings, tmp_path, procurement_user
):
    settings.MEDIA_ROOT = tmp_path / "media"
    raw = _with({FIRST_DOMAIN: ["iso27001", "soc2_type2"]})
    raw["version"] = 99
    version = questionnaire_import(
        document=validate_document(raw, "narrow.yaml"), source="narrow.yaml"
    ).questionnaire
    offering = OfferingFactory(name="Acme Treasury Connect")
    assessment = assessment_create(actor=procurement_user, offering=offering, questionnaire=version)
    in_domain = version.questions.filter(domain__key=FIRST_DOMAIN).order_by("position").first()
    elsewhere = version.questions.exclude(domain__key=FIRST_DOMAIN).order_by("position").first()
    pentest = {"scope_products": ["Acme Treasury Connect"], "issued_on": datetime.date.today()}
    for question in (in_domain, elsewhere):
        upload = SimpleUploadedFile("pentest.pdf", files.PDF, "application/pdf")
        evidence = evidence_add(
            actor=procurement_user, assessment=assessment, question_key=question.key, upload=upload
        )
        document_record(actor=procurement_user, evidence=evidence, kind="pentest", data=pentest)
    checks = attestation_checks(assessment_pk=assessment.pk)
    by_question = {
        c.document.evidence.answer.question_id: [f.code for f in c.check.flags]
        for found in checks.values()
        for c in found
    }
    assert by_question[in_domain.pk] == ["kind_not_accepted"]
    assert by_question[elsewhere.pk] == []
