"""An assessment as a workbook and a CSV: a metadata sheet with the scorecard's digest, a sheet per
domain, a findings sheet; nothing a vendor typed can run as a formula, whatever it starts with."""

import csv
import hashlib
import io

import pytest
from openpyxl import load_workbook

from assessments.answers.services import answer_save
from assessments.questionnaire.structure import questionnaire_structure
from assessments.scoring_adapter import assessment_score
from core.spreadsheets import neutralised
from scoring import canonical_json
from tests.assessments.helpers import answer_all
from tests.factories import OfferingFactory

pytestmark = pytest.mark.django_db

FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r"]


@pytest.fixture
def answered(questionnaire, procurement_user):
    from assessments.lifecycle.services import assessment_create

    offering = OfferingFactory(name='=HYPERLINK("http://evil")', vendor__name="@SUM(1+1)")
    assessment = assessment_create(
        actor=procurement_user, offering=offering, questionnaire=questionnaire
    )
    answer_all(assessment, procurement_user, pick="worst")
    return assessment


def _explain(assessment, actor, text) -> str:
    """Saves `text` as an answer's notes; returns what was stored (line ends normalised)."""
    structure = questionnaire_structure(assessment.questionnaire)
    question = structure.questions[1]
    answer = assessment.answers.get(question__key=question.key)
    answer_save(
        actor=actor,
        assessment_pk=assessment.pk,
        question_key=question.key,
        option_key=question.option_by_id(answer.option_id).key,
        explanation=text,
        evidence_level=answer.evidence_level,
        expected_version=answer.version,
    )
    return assessment.answers.get(question__key=question.key).explanation


def _cells(book):
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            yield from (v for v in row if isinstance(v, str))


def test_the_workbook_has_about_a_sheet_per_domain_and_findings(client, answered, viewer_user):
    client.force_login(viewer_user)
    response = client.get(f"/assessments/{answered.pk}/export/answers.xlsx")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="SUM-1-1-HYPERLINK')
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    structure = questionnaire_structure(answered.questionnaire)
    names = book.sheetnames
    assert names[0] == "About" and names[-1] == "Findings"
    assert len(names) == 2 + len(structure.domains)
    about = dict(book["About"].iter_rows(values_only=True))
    card = assessment_score(assessment=answered).scorecard.to_dict()
    assert about["Scorecard SHA-256"] == hashlib.sha256(canonical_json(card)).hexdigest()
    assert about["Grade"] == card["grade"]
    findings = list(book["Findings"].iter_rows(values_only=True))
    assert len(findings) == 1 + len(card["findings"])


@pytest.mark.parametrize("start", FORMULA_STARTS, ids=["eq", "plus", "minus", "at", "tab", "cr"])
def test_no_cell_starts_a_formula(client, answered, procurement_user, start):
    saved = _explain(answered, procurement_user, f"{start}cmd|' /C calc'!A0")
    client.force_login(procurement_user)
    xlsx = client.get(f"/assessments/{answered.pk}/export/answers.xlsx").content
    book = load_workbook(io.BytesIO(xlsx))
    text = list(_cells(book))
    assert neutralised(saved) in text
    assert not [v for v in text if v.startswith(tuple(FORMULA_STARTS))]
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            assert all(c.data_type != "f" for c in row)
    raw = client.get(f"/assessments/{answered.pk}/export/answers.csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(raw)))
    assert rows[0][:3] == ["Domain", "Question key", "Question"]
    assert not [v for row in rows for v in row if v.startswith(tuple(FORMULA_STARTS))]
    assert neutralised(saved) in [v for row in rows for v in row]
