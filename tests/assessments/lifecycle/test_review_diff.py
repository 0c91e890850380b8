"""assessment_diff(): which answers changed between two assessments, how the scores, grade and
findings moved — in a fixed number of queries."""

import pytest

from assessments.answers.services import answer_save
from assessments.lifecycle.diff import assessment_diff
from assessments.lifecycle.services import assessment_create
from assessments.models import Answer
from assessments.questionnaire.structure import questionnaire_structure
from assessments.scoring_adapter import assessment_score
from tests.assessments.helpers import answer_all
from tests.factories import OfferingFactory

pytestmark = pytest.mark.django_db

RESOLVED = ("integration.traffic_path", "reterminates_undocumented")  # high, old side only
ADDED = ("integration.ownership_split", "different_no_agreement")  # medium, new side only
STILL_OPEN = ("control_plane.saas_role", "full_remote_admin")  # high, both sides
EXPLAINED = "integration.operability"
LESS_EVIDENCE = "integration.native_path"
NOT_APPLICABLE = "integration.client_wrapping"
UNCHANGED = "integration.facade_pattern"


def _change(assessment, actor, key, **fields):
    answer = Answer.objects.get(assessment=assessment, question__key=key)
    current = {
        "option_key": answer.option.key if answer.option else None,
        "na": answer.is_na,
        "explanation": answer.explanation,
        "evidence_level": answer.evidence_level,
    }
    answer_save(
        actor=actor,
        assessment_pk=assessment.pk,
        question_key=key,
        expected_version=answer.version,
        **{**current, **fields},
    )


@pytest.fixture
def pair(assessment, questionnaire, procurement_user):
    old = assessment
    new = assessment_create(
        actor=procurement_user, offering=old.offering, questionnaire=questionnaire
    )
    for side in (old, new):
        answer_all(side, procurement_user)
        _change(side, procurement_user, STILL_OPEN[0], option_key=STILL_OPEN[1])
        _change(side, procurement_user, EXPLAINED, explanation="Run book shared.")
    _change(old, procurement_user, RESOLVED[0], option_key=RESOLVED[1])
    _change(new, procurement_user, ADDED[0], option_key=ADDED[1])
    _change(new, procurement_user, EXPLAINED, explanation="Run book shared and rehearsed.")
    _change(new, procurement_user, LESS_EVIDENCE, evidence_level="claim")
    _change(new, procurement_user, NOT_APPLICABLE, option_key=None, na=True)
    return old, new


def _label(assessment, key, option):
    return questionnaire_structure(assessment.questionnaire).question(key).option(option).label


def test_only_the_answers_that_differ_are_listed_in_questionnaire_order(pair):
    old, new = pair
    diff = assessment_diff(old=old, new=new)
    assert [q["key"] for q in diff["questions"]] == [
        RESOLVED[0],
        NOT_APPLICABLE,
        ADDED[0],
        EXPLAINED,
        LESS_EVIDENCE,
    ]
    assert UNCHANGED not in {q["key"] for q in diff["questions"]}


def test_each_listed_answer_says_what_changed(pair):
    old, new = pair
    rows = {q["key"]: q for q in assessment_diff(old=old, new=new)["questions"]}

    resolved = rows[RESOLVED[0]]
    assert resolved["old"]["option"] == _label(old, *RESOLVED)
    assert resolved["new"]["option"] != resolved["old"]["option"]
    assert (resolved["old"]["score"], resolved["new"]["score"]) == (10.0, 100.0)
    assert (
        resolved["option_changed"],
        resolved["score_changed"],
        resolved["evidence_changed"],
        resolved["explanation_changed"],
    ) == (True, True, False, False)

    explained = rows[EXPLAINED]
    assert (
        explained["option_changed"],
        explained["score_changed"],
        explained["evidence_changed"],
        explained["explanation_changed"],
    ) == (False, False, False, True)

    weaker = rows[LESS_EVIDENCE]
    assert (weaker["old"]["evidence_level"], weaker["new"]["evidence_level"]) == (
        "documented",
        "claim",
    )
    assert weaker["old"]["score"] == weaker["new"]["score"]  # the effective score is the claim's
    assert not weaker["score_changed"] and weaker["evidence_changed"]

    na = rows[NOT_APPLICABLE]
    assert (na["old"]["na"], na["new"]["na"], na["new"]["option"], na["new"]["score"]) == (
        False,
        True,
        None,
        None,
    )
    assert na["new"]["evidence_level"] is None


def test_scores_grade_and_findings_are_compared(pair):
    old, new = pair
    diff = assessment_diff(old=old, new=new)
    cards = {
        side: assessment_score(assessment=a).scorecard.to_dict()
        for side, a in (("old", old), ("new", new))
    }
    for field in ("claimed", "evidenced", "grade"):
        assert diff["overall"][field] == {
            "old": cards["old"][field],
            "new": cards["new"][field],
            "changed": cards["old"][field] != cards["new"][field],
        }
    integration = next(d for d in diff["domains"] if d["key"] == "integration")
    assert integration["changed"]
    assert integration["claimed"]["old"] == cards["old"]["domains"][0]["claimed"]
    assert integration["evidenced"]["new"] == cards["new"]["domains"][0]["evidenced"]
    assert not next(d for d in diff["domains"] if d["key"] == "lock_in")["changed"]

    def keys(items):
        return [(f["question"], f["severity"]) for f in items]

    assert keys(diff["findings"]["added"]) == [(ADDED[0], "medium")]
    assert keys(diff["findings"]["resolved"]) == [(RESOLVED[0], "high")]
    assert keys(diff["findings"]["still_open"]) == [(STILL_OPEN[0], "high")]
    assert diff["findings"]["added"][0]["title"] == "Split ownership with no operating agreement"


def test_an_assessment_compared_with_itself_has_no_changes(pair):
    old, _ = pair
    diff = assessment_diff(old=old, new=old)
    assert diff["questions"] == []
    assert not any(d["changed"] for d in diff["domains"])
    assert diff["findings"]["added"] == diff["findings"]["resolved"] == []
    assert len(diff["findings"]["still_open"]) == 2


def test_the_diff_takes_three_queries_whatever_the_number_of_answers(
    pair, questionnaire, procurement_user, django_assert_num_queries
):
    old, new = pair
    empty = assessment_create(
        actor=procurement_user, offering=OfferingFactory(), questionnaire=questionnaire
    )
    assessment_diff(old=old, new=new)  # the questionnaire tree is cached from here on
    with django_assert_num_queries(3):
        assessment_diff(old=old, new=new)
    with django_assert_num_queries(3):
        assessment_diff(old=empty, new=new)
