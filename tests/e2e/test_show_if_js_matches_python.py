"""The form's script hides follow-up questions with its own copy of show_if (static/js/show-if.js);
scoring, the pages and the report use the Python one (scoring/visibility.py). Run in Chromium, the
script must hide exactly what Python hides: on every option of every rule of the shipped
questionnaire and on random whole answer sets, and on a small questionnaire with a follow-up of a
follow-up (the shipped one has no such chain yet)."""

import random
from pathlib import Path

import pytest
import yaml

from scoring import Rubric, hidden_questions
from tests.support.questionnaires import REAL_QUESTIONNAIRE, small_document

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "static" / "js" / "show-if.js"


def _chained() -> dict:
    doc = small_document()
    doc["domains"][0]["questions"].append(
        {
            "key": "alpha.deeper",
            "text": "A follow-up of the follow-up?",
            "required": False,
            "show_if": {"question": "alpha.follow", "any_of": ["good", "meh"]},
            "options": doc["domains"][0]["questions"][0]["options"],
        }
    )
    return doc


def _two_conditions() -> dict:
    doc = _chained()
    doc["domains"][0]["questions"][2]["show_if"] = [
        {"question": "alpha.one", "any_of": ["bad", "meh"]},
        {"question": "alpha.follow", "any_of": ["good", "meh"]},
    ]
    return doc


RUBRICS = {
    "shipped": lambda: yaml.safe_load(Path(REAL_QUESTIONNAIRE).read_text()),
    "chained": _chained,
    "all of two conditions": _two_conditions,
}


@pytest.fixture(params=sorted(RUBRICS))
def rubric(request) -> Rubric:
    return Rubric.from_dict(RUBRICS[request.param]())


def _cases(rubric: Rubric) -> list[dict]:
    """Each rule with each of its controller's options and with none; then random sheets."""
    cases: list[dict] = []
    by_key = {q.key: q for q in rubric.questions}
    for question in rubric.questions:
        for condition in question.conditions:
            controller = by_key[condition.question]
            for option in [*controller.options, None]:
                cases.append({controller.key: option.key if option else None})
    pick = random.Random(14)
    for _ in range(200):
        cases.append(
            {
                q.key: pick.choice([*(o.key for o in q.options), None])
                for q in rubric.questions
                if pick.random() < 0.9
            }
        )
    return cases


def test_the_script_hides_what_python_hides(browser, rubric):
    # As the form page gives them to the script: one condition, a list of them, or none.
    rules = [
        [q["key"], q.get("show_if")] for d in rubric.to_dict()["domains"] for q in d["questions"]
    ]
    cases = _cases(rubric)
    page = browser.new_page()
    try:
        page.set_content("<!doctype html><title>show_if</title>")
        page.add_script_tag(content=SCRIPT.read_text())
        from_js = page.evaluate(
            "([rules, cases]) => cases.map(c => SbdShowIf.hiddenQuestions(rules, c))",
            [rules, cases],
        )
    finally:
        page.close()
    assert len(from_js) == len(cases)
    for chosen, js in zip(cases, from_js, strict=True):
        expected = hidden_questions(rubric, chosen)
        assert {key for key, hidden in js.items() if hidden} == expected, chosen
    # Both sides saw questions hidden and shown: the comparison was not trivially empty.
    assert any(hidden_questions(rubric, c) for c in cases)
    assert any(not hidden_questions(rubric, c) >= {k for k, rule in rules if rule} for c in cases)
