import copy

import pytest

from scoring import AnswerInput, Policy, Rubric, RubricError, score

DOC = {
    "key": "sbd",
    "version": 1,
    "title": "Example",
    "scoring": Policy.default().to_dict(),
    "domains": [
        {
            "key": "integration",
            "title": "Integration architecture",
            "description": "Ignored by scoring.",
            "weight": 2,
            "questions": [
                {
                    "key": "integration.facade",
                    "text": "Does it sit in front of another service?",
                    "help": "Ignored by scoring.",
                    "weight": 2,
                    "options": [
                        {"key": "native", "label": "Native", "score": 100},
                        {
                            "key": "permanent_facade",
                            "label": "Permanent facade",
                            "score": 0,
                            "finding": {
                                "severity": "critical",
                                "title": "Permanent facade",
                                "rationale": "Doubles the attack surface for good.",
                            },
                        },
                        {"key": "unknown", "label": "Unknown", "score": 0, "unknown": True},
                    ],
                },
                {
                    "key": "integration.exit_plan",
                    "text": "Is there an exit plan?",
                    "required": False,
                    "allows_na": True,
                    "show_if": {"question": "integration.facade", "any_of": ["permanent_facade"]},
                    "options": [
                        {"key": "yes", "label": "Yes", "score": 100},
                        {"key": "no", "label": "No", "score": 0},
                        {"key": "unknown", "label": "Unknown", "score": 0, "unknown": True},
                    ],
                },
            ],
        },
        {"key": "empty", "title": "No questions yet", "weight": 1.0, "questions": []},
    ],
}


def test_from_dict_builds_domains_questions_and_policy():
    r = Rubric.from_dict(DOC)
    assert [d.key for d in r.domains] == ["integration", "empty"]
    assert r.domains[0].weight == 2.0
    facade, exit_plan = r.questions
    assert facade.domain == "integration"
    assert (facade.weight, facade.required, facade.allows_na) == (2.0, True, False)
    assert facade.options[1].finding.severity == "critical"
    assert facade.options[2].unknown is True
    assert (exit_plan.required, exit_plan.allows_na, exit_plan.weight) == (False, True, 1.0)
    assert exit_plan.show_if.question == "integration.facade"
    assert exit_plan.show_if.any_of == ("permanent_facade",)
    assert r.policy == Policy.default()


def test_to_dict_round_trips():
    r = Rubric.from_dict(DOC)
    assert Rubric.from_dict(r.to_dict()) == r


def test_from_dict_rubric_scores():
    r = Rubric.from_dict(DOC)
    card = score(r, [AnswerInput("integration.facade", "native", evidence_level="verified")])
    assert (card.evidenced, card.grade) == (100.0, "A")
    assert card.trace[1].status == "hidden"


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.pop("scoring"), "questionnaire: scoring is missing"),
        (lambda d: d.pop("domains"), "questionnaire: domains is missing"),
        (lambda d: d["domains"][0].pop("title"), "domain 'integration': title is missing"),
        (
            lambda d: d["domains"][0]["questions"][0].pop("text"),
            "question 'integration.facade': text is missing",
        ),
        (
            lambda d: d["domains"][0]["questions"][0]["options"][0].pop("score"),
            "question 'integration.facade' option 'native': score is missing",
        ),
        (
            lambda d: d["domains"][0]["questions"][0]["options"][1]["finding"].pop("severity"),
            "option 'permanent_facade' finding: severity is missing",
        ),
        (
            lambda d: d["domains"][0]["questions"][1]["show_if"].update(any_of=["maybe"]),
            "show_if option 'maybe' is not an option of question 'integration.facade'",
        ),
        (lambda d: d.update(domains="integration"), "domains must be a list"),
        (lambda d: d["domains"].append(d["domains"][0]), "duplicate domain key 'integration'"),
        (lambda d: d["scoring"]["grade_bands"].update(E=5), "grade_bands.E must be 0"),
    ],
)
def test_from_dict_errors_name_the_key(mutate, message):
    doc = copy.deepcopy(DOC)
    mutate(doc)
    with pytest.raises(RubricError) as error:
        Rubric.from_dict(doc)
    assert message in str(error.value)
