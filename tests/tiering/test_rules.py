"""The inherent-risk rules file: the shipped one loads and gives the tiers its comments promise;
every mistake in a file is refused with the file and the place named."""

import copy
import datetime

import pytest
import yaml

from tiering.rules import (
    RULES_DIR,
    RulesError,
    add_months,
    answers_problems,
    current_rules,
    rules_from_dict,
    tier_of,
)

SHIPPED = yaml.safe_load((RULES_DIR / "inherent-risk-v1.yaml").read_text())


def _answers(**chosen):
    rules = current_rules()
    answers = {q.key: q.options[0].key for q in rules.questions}
    answers.update(chosen)
    return answers


def test_the_shipped_rules_load_with_four_tiers_and_their_intervals():
    rules = current_rules()
    assert [(t.tier, t.review_every_months) for t in rules.tiers] == [
        (1, 12), (2, 18), (3, 24), (4, 36),
    ]  # fmt: skip
    assert len(rules.questions) == 5


def test_nothing_at_stake_is_tier_4_and_points_climb_the_tiers():
    rules = current_rules()
    assert tier_of(rules, _answers()).tier == 4
    moderate = _answers(data_sensitivity="confidential")  # 4 points
    assert tier_of(rules, moderate).tier == 3
    high = _answers(
        data_sensitivity="confidential",
        criticality="important",
        regulatory="contractual",
        code_in_our_estate="we_update",
    )
    result = tier_of(rules, high)
    assert (result.points, result.tier) == (10, 2)


def test_one_answer_can_make_an_offering_critical_on_its_own():
    result = tier_of(current_rules(), _answers(privileged_access="privileged"))
    assert result.tier == 1 and result.points == 5
    assert result.reasons == (
        "5 points put it in tier 3.",
        "“Administrative access, or sits in front of our identity provider or network edge” makes "
        "it at least tier 1 on its own.",
    )


def test_missing_and_unknown_answers_are_named_by_question():
    problems = answers_problems(current_rules(), {"data_sensitivity": "secret"})
    assert problems["data_sensitivity"] == "'secret' is not one of this question's answers."
    assert problems["criticality"] == "Choose an answer."


def _broken(change):
    raw = copy.deepcopy(SHIPPED)
    change(raw)
    return raw


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (lambda r: r["tiers"].pop(1), "f.yaml.tiers: must be listed 1, 2, 3 … in order"),
        (lambda r: r["tiers"][2].update(min_points=20), "min_points must fall from tier 1 down"),
        (lambda r: r["tiers"][3].update(min_points=1), "f.yaml.tiers[3].min_points: must be 0"),
        (
            lambda r: r["tiers"][0].update(review_every_months=0),
            "f.yaml.tiers[0].review_every_months: must be a whole number of at least 1, got 0",
        ),
        (
            lambda r: r["questions"][0]["options"][1].update(points="two"),
            "f.yaml.questions[0].options[1].points: must be a whole number of at least 0, "
            "got 'two'",
        ),
        (
            lambda r: r["questions"][1]["options"][3].update(tier_at_most=7),
            "f.yaml.questions[1].options[3].tier_at_most: 7 is not one of the tiers",
        ),
        (
            lambda r: r["questions"][3]["options"][0].update(key=False),
            "f.yaml.questions[3].options[0].key: YAML reads yes/no/on/off as true/false",
        ),
        (
            lambda r: r["questions"][2]["options"][0].update(colour="red"),
            "f.yaml.questions[2].options[0]: unknown field(s) colour",
        ),
        (lambda r: r["questions"].append(r["questions"][0]), "question keys must be unique"),
        (
            lambda r: r["tiers"][2].update(required_domains="some"),
            "f.yaml.tiers[2].required_domains: must be 'all' or a list of domain keys",
        ),
        (lambda r: r.update(key="other"), "f.yaml.key: must be 'inherent-risk'"),
    ],
)
def test_every_mistake_is_refused_with_its_place(change, says):
    with pytest.raises(RulesError) as refused:
        rules_from_dict(_broken(change), "f.yaml")
    assert says in str(refused.value)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2026, 1, 31), 1, datetime.date(2026, 2, 28)),
        (datetime.date(2025, 12, 7), 12, datetime.date(2026, 12, 7)),
        (datetime.date(2026, 5, 15), 18, datetime.date(2027, 11, 15)),
        (datetime.date(2024, 2, 29), 12, datetime.date(2025, 2, 28)),
        (datetime.date(2026, 3, 31), -1, datetime.date(2026, 2, 28)),
    ],
)
def test_months_are_added_the_way_a_calendar_does(day, months, expected):
    assert add_months(day, months) == expected
