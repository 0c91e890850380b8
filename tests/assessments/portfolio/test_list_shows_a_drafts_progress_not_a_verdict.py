"""A draft still missing required answers shows how far it is ("34 of 66 answered") and its grade
marked provisional; a complete one its grade; a decided one the grade it was decided on. All from
the stored summary: the list never runs the scoring engine."""

import re

import pytest

from assessments import standing

pytestmark = pytest.mark.django_db


def _row(client, assessment) -> dict:
    response = client.get("/assessments/")
    return next(r for r in response.context["rows"] if str(assessment.pk) in r["url"])


def test_a_draft_missing_required_answers_shows_progress_and_a_provisional_grade(
    client, viewer_user, make
):
    draft = make(status="draft", summary={"answered": 34, "applicable": 66, "missing_required": 12})
    client.force_login(viewer_user)
    row = _row(client, draft)
    assert row["progress"] == "34 of 66 answered"
    assert row["grade_state"] == standing.PROVISIONAL
    html = client.get("/assessments/").content.decode()
    assert "34 of 66 answered" in html
    assert re.search(
        r'grade-chip grade-C provisional"\s*>C</span>\s*<span class="small muted">provisional', html
    )


def test_complete_and_decided_grades_are_not_provisional(client, viewer_user, make):
    complete = make(status="draft", summary={"answered": 66, "applicable": 66})
    submitted = make(status="submitted", summary={"grade": "B"})
    decided = make(status="approved", decided_grade="A", summary={"grade": "A"})
    client.force_login(viewer_user)
    assert _row(client, complete)["grade_state"] == ""
    assert _row(client, submitted)["progress"] == ""
    assert (_row(client, decided)["grade"], _row(client, decided)["grade_state"]) == (
        "A",
        standing.DECIDED,
    )


def test_the_list_never_scores(client, viewer_user, make, monkeypatch):
    make(status="draft", summary={"missing_required": 3})
    make(status="in_review")

    def refuse(*args, **kwargs):
        raise AssertionError("the list ran the scoring engine")

    monkeypatch.setattr("assessments.summary.score", refuse)
    client.force_login(viewer_user)
    assert client.get("/assessments/").status_code == 200
    assert client.get("/api/v1/assessments/").status_code == 200


def test_the_api_row_carries_the_summary(api, viewer_user, make):
    draft = make(status="draft", summary={"answered": 3, "applicable": 9, "missing_required": 6})
    body = api(viewer_user).get("/api/v1/assessments/").json()
    row = next(r for r in body["results"] if r["id"] == str(draft.pk))
    assert row["summary"] == {
        "grade": "C",
        "grade_state": "provisional",
        "answered": 3,
        "applicable": 9,
        "open_findings": {"critical": 0, "high": 0, "medium": 0, "low": 0},
    }
