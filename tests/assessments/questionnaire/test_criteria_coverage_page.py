"""The coverage page of a questionnaire version: for each reference scheme, every item with the
questions that cite it, and the items no question touches marked so."""

import pytest
from django.utils.html import escape

from assessments.questionnaire.coverage import questionnaire_coverage
from assessments.questionnaire.structure import questionnaire_structure

pytestmark = pytest.mark.django_db


def test_each_scheme_lists_every_item_and_who_touches_it(client, viewer_user, questionnaire_v3):
    client.force_login(viewer_user)
    response = client.get(f"/assessments/questionnaires/{questionnaire_v3.pk}/coverage/")
    assert response.status_code == 200
    html = response.content.decode()
    schemes = questionnaire_coverage(
        schemes=questionnaire_v3.reference_schemes,
        structure=questionnaire_structure(questionnaire_v3),
    )
    assert [s.key for s in schemes] == ["nist_ssdf", "iso27001_2022", "csa_ccm_v4", "cisa_sbd"]
    for scheme in schemes:
        total = len(
            questionnaire_v3.reference_schemes[[s.key for s in schemes].index(scheme.key)]["items"]
        )
        assert len(scheme.items) == total
        assert f'{scheme.label} <span class="badge">{scheme.covered} of {total}</span>' in html
    ssdf = schemes[0]
    cited = {i.id: i for i in ssdf.items}
    # Counted from the file itself: every cited (scheme, id) appears, with its question.
    structure = questionnaire_structure(questionnaire_v3)
    expected = {i for q in structure.questions for s, i in q.references if s == "nist_ssdf"}
    assert {i.id for i in ssdf.items if i.covered} == expected
    covered = next(i for i in ssdf.items if i.covered)
    assert escape(covered.questions[0][1]) in html
    assert ssdf.covered < len(ssdf.items) and "not covered" in html
    # Items are grouped by practice: PW.4.1 under PW.4.
    assert ("PW.4", tuple(i for i in ssdf.items if i.id.startswith("PW.4."))) in ssdf.groups
    assert cited["PW.4.1"].id == "PW.4.1"


def test_a_version_without_criteria_says_so(client, viewer_user, questionnaire):
    client.force_login(viewer_user)
    response = client.get(f"/assessments/questionnaires/{questionnaire.pk}/coverage/")
    assert response.status_code == 200
    assert "This version names no external criteria" in response.content.decode()


def test_a_draft_version_has_no_coverage_page(client, viewer_user, questionnaire_v3):
    questionnaire_v3.status = "draft"
    questionnaire_v3.save(update_fields=["status"])
    client.force_login(viewer_user)
    assert (
        client.get(f"/assessments/questionnaires/{questionnaire_v3.pk}/coverage/").status_code
        == 404
    )
