"""One validator for the text people type and others read (core/text.py): stored in NFC with
"\\n" line ends; control characters refused everywhere but tab and newline in multi-line text;
Unicode direction controls refused in single-line fields (names, owners, URLs) and kept, to be
isolated when shown, in multi-line ones. Every refusal is a 400 naming the field; nothing is
stored. Checked at each way in: the catalogue, answers, comments, conditions, evidence."""

import pytest
from django.core.exceptions import ValidationError

from assessments.lifecycle.services import assessment_submit
from assessments.models import Answer, Comment, Condition, Evidence
from assessments.review.services import review_start
from core.text import multi_line_text, single_line_text
from tests.assessments.conftest import answer_url, first_question
from tests.assessments.helpers import answer_all
from vendors.models import Vendor

pytestmark = pytest.mark.django_db

DECOMPOSED, COMPOSED = "Cafe\u0301 Systems", "Café Systems"


@pytest.mark.parametrize(
    ("value", "single", "multi"),
    [
        ("plain", "plain", "plain"),
        (DECOMPOSED, COMPOSED, COMPOSED),
        ("  padded  ", "padded", "  padded  "),
        ("two\r\nlines", None, "two\nlines"),
        ("tab\there", None, "tab\there"),
        ("bell\x07", None, None),
        ("nul\x00", None, None),
        ("c1\x85inside", None, None),
        ("bom\ufeff", None, None),
        ("sep\u2028inside", None, None),
        ("lone\ud800", None, None),
        ("rlo\u202eevil", None, "rlo\u202eevil"),
        ("isolate\u2067x\u2069", None, "isolate\u2067x\u2069"),
        ("mark\u200f", None, "mark\u200f"),
    ],
)
def test_the_validator(value, single, multi):
    for clean, expected in ((single_line_text, single), (multi_line_text, multi)):
        if expected is None:
            with pytest.raises(ValidationError) as refused:
                clean(value)
            assert "at character" in refused.value.messages[0]
        else:
            assert clean(value) == expected


def test_catalogue_names_are_composed_and_refuse_controls(api, procurement_user):
    client = api(procurement_user)
    made = client.post("/api/v1/vendors/", {"name": DECOMPOSED}, format="json")
    assert made.status_code == 201
    assert Vendor.objects.get().name == COMPOSED
    for name in ("Acme\u202e", "Acme\x1b[31m", "Acme\nCorp"):
        refused = client.post("/api/v1/vendors/", {"name": name}, format="json")
        assert refused.status_code == 400 and list(refused.json()) == ["name"], name
    website = client.post(
        "/api/v1/vendors/",
        {"name": "Beta", "website": "https://beta.example/\u202e"},
        format="json",
    )
    assert website.status_code == 400 and "website" in website.json()
    assert Vendor.objects.count() == 1


def test_the_vendor_page_form_names_the_field(client, procurement_user):
    client.force_login(procurement_user)
    response = client.post("/vendors/new/", {"name": "Acme\u202eCorp"})
    assert response.status_code in (200, 400)
    assert "text-direction control" in response.content.decode()
    assert not Vendor.objects.exists()


def test_answers_are_stored_composed_with_one_kind_of_line_end(api, assessment, procurement_user):
    question = first_question(assessment.questionnaire)
    url = answer_url(assessment, question.key)
    client = api(procurement_user)
    refused = client.put(url, {"text": "see\x00here", "evidence_level": "claim"}, format="json")
    assert refused.status_code == 400 and "text" in refused.json()
    assert not Answer.objects.filter(assessment=assessment, question=question).exists()
    body = {"text": f"{DECOMPOSED}\r\nsecond line", "evidence_level": "claim"}
    assert client.put(url, body, format="json").status_code == 201
    stored = Answer.objects.get(assessment=assessment, question=question).explanation
    assert stored == f"{COMPOSED}\nsecond line"


def test_comments_conditions_and_evidence_refuse_controls(
    api, assessment, procurement_user, architect_user
):
    key = first_question(assessment.questionnaire).key
    base = f"/api/v1/assessments/{assessment.pk}"
    ada = api(architect_user)
    refused = ada.post(f"{base}/answers/{key}/comments/", {"body": "ok\x07"}, format="json")
    assert refused.status_code == 400 and "body" in refused.json()
    kept = ada.post(f"{base}/answers/{key}/comments/", {"body": "שלום \u202eworld"}, format="json")
    assert kept.status_code == 201  # multi-line text keeps direction controls (isolated on show)
    assert Comment.objects.count() == 1
    evidence = api(procurement_user).post(
        f"{base}/evidence/",
        {"question_key": key, "url": "https://vendor.example/\u202efdp.exe", "note": "x"},
        format="multipart",
    )
    assert evidence.status_code == 400 and "url" in evidence.json()
    note = api(procurement_user).post(
        f"{base}/evidence/",
        {"question_key": key, "url": "https://vendor.example/soc2.pdf", "note": "bad\x1b"},
        format="multipart",
    )
    assert note.status_code == 400 and "note" in note.json()
    assert not Evidence.objects.exists()


def test_a_condition_owner_is_one_line_without_direction_controls(
    api, assessment, procurement_user, architect_user
):
    answer_all(assessment, procurement_user)
    assessment_submit(actor=procurement_user, assessment_pk=assessment.pk)
    review_start(actor=architect_user, assessment_pk=assessment.pk)
    url = f"/api/v1/assessments/{assessment.pk}/conditions/"
    ada = api(architect_user)
    for owner in ("Ven\u202edor", "Vendor\nmanagement"):
        refused = ada.post(url, {"text": "Move keys.", "owner": owner}, format="json")
        assert refused.status_code == 400 and "owner" in refused.json(), owner
    text = ada.post(url, {"text": "Move\x0bkeys.", "owner": "Vendor"}, format="json")
    assert text.status_code == 400 and "text" in text.json()
    assert not Condition.objects.exists()
    made = ada.post(url, {"text": f"{DECOMPOSED}\r\nmove keys.", "owner": "Vendor"}, format="json")
    assert made.status_code == 201
    assert Condition.objects.get().text == f"{COMPOSED}\nmove keys."


@pytest.mark.parametrize(
    "finding_keys", [[[]], [{"a": 1}], "key_isolation.key_location", 5, {"k": "v"}, [None]]
)
def test_a_condition_s_finding_keys_are_a_list_of_keys_checked_item_by_item(
    api, assessment, procurement_user, architect_user, finding_keys
):
    answer_all(assessment, procurement_user)
    assessment_submit(actor=procurement_user, assessment_pk=assessment.pk)
    review_start(actor=architect_user, assessment_pk=assessment.pk)
    body = {"text": "Move keys.", "owner": "Vendor", "finding_keys": finding_keys}
    response = api(architect_user).post(
        f"/api/v1/assessments/{assessment.pk}/conditions/", body, format="json"
    )
    assert response.status_code == 400, response.content
    assert "finding_keys" in response.json()
    assert not Condition.objects.exists()
