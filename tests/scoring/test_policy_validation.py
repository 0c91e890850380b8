import pytest

from scoring import Policy, RubricError

DEFAULT = Policy.default()


def _policy(**changes):
    fields = {
        "evidence_factors": DEFAULT.evidence_factors,
        "grade_bands": DEFAULT.grade_bands,
        "grade_caps": DEFAULT.grade_caps,
        "recommendations": DEFAULT.recommendations,
    }
    fields.update(changes)
    return Policy(**fields)


def test_default_policy_has_the_documented_values():
    assert DEFAULT.factor("claim") == 0.4
    assert DEFAULT.factor("documented") == 0.7
    assert DEFAULT.factor("attested") == 0.9
    assert DEFAULT.factor("verified") == 1.0
    assert dict(DEFAULT.grade_bands) == {"A": 85, "B": 70, "C": 55, "D": 40, "E": 0}
    assert DEFAULT.cap_for("critical") == "E"
    assert DEFAULT.cap_for("high") == "C"
    assert DEFAULT.cap_for("medium") is None
    assert [DEFAULT.recommendation_for(g) for g in "ABCDE"] == [
        "recommended",
        "recommended",
        "acceptable_with_conditions",
        "high_risk",
        "not_recommended",
    ]


def test_grade_for_picks_the_first_band_whose_minimum_is_met():
    assert [DEFAULT.grade_for(s) for s in (100, 85, 84.9, 55, 40, 39.9, 0)] == list("AABCDEE")


def test_pairs_given_in_any_order_make_an_equal_policy():
    shuffled = _policy(
        evidence_factors=tuple(reversed(DEFAULT.evidence_factors)),
        grade_bands=tuple(reversed(DEFAULT.grade_bands)),
        grade_caps=(("high", "C"), ("critical", "E")),
    )
    assert shuffled == DEFAULT
    assert hash(shuffled) == hash(DEFAULT)


def test_policy_round_trips_through_its_dict_form():
    assert Policy.from_dict(DEFAULT.to_dict()) == DEFAULT


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"evidence_factors": DEFAULT.evidence_factors[:3]}, "'verified'"),
        ({"evidence_factors": (*DEFAULT.evidence_factors, ("hearsay", 0.1))}, "'hearsay'"),
        (
            {"evidence_factors": (*DEFAULT.evidence_factors, ("claim", 0.4))},
            "duplicate key 'claim'",
        ),
        (
            {
                "evidence_factors": (
                    ("claim", 0.4),
                    ("documented", 1.2),
                    *DEFAULT.evidence_factors[2:],
                )
            },
            "documented must be within 0..1",
        ),
        (
            {"evidence_factors": (("claim", 0.8), *DEFAULT.evidence_factors[1:])},
            "documented (0.7) is lower",
        ),
        ({"evidence_factors": (("claim", "high"), *DEFAULT.evidence_factors[1:])}, "claim"),
        ({"grade_bands": (("A", 85), ("B", 70), ("C", 70), ("D", 40), ("E", 0))}, "B (70.0)"),
        ({"grade_bands": (("A", 85), ("B", 70), ("C", 55), ("D", 40), ("E", 10))}, "E must be 0"),
        ({"grade_bands": (("A", 185), ("B", 70), ("C", 55), ("D", 40), ("E", 0))}, "A must be"),
        ({"grade_bands": DEFAULT.grade_bands[:4]}, "missing 'E'"),
        ({"grade_caps": (("critical", "F"),)}, "grade_caps.critical"),
        ({"grade_caps": (("catastrophic", "E"),)}, "'catastrophic'"),
        ({"grade_caps": (("high", "C"), ("high", "D"))}, "duplicate key 'high'"),
        ({"recommendations": DEFAULT.recommendations[:4]}, "missing 'E'"),
        (
            {"recommendations": (*DEFAULT.recommendations[:4], ("E", "run"))},
            "recommendations.E",
        ),
    ],
)
def test_invalid_policy_is_refused_with_a_message_naming_the_key(changes, message):
    with pytest.raises(RubricError) as error:
        _policy(**changes)
    assert message in str(error.value)


def test_rubric_error_is_a_value_error():
    assert issubclass(RubricError, ValueError)


def test_policy_from_dict_requires_every_section():
    d = DEFAULT.to_dict()
    del d["recommendations"]
    with pytest.raises(RubricError, match=r"scoring\.recommendations is missing"):
        Policy.from_dict(d)


def test_policy_from_dict_accepts_an_empty_caps_section():
    d = DEFAULT.to_dict()
    d["grade_caps"] = None
    assert Policy.from_dict(d).grade_caps == ()


def test_unknown_evidence_level_or_grade_is_refused_by_the_helpers():
    with pytest.raises(RubricError, match="'hearsay'"):
        DEFAULT.factor("hearsay")
    with pytest.raises(RubricError, match="'F'"):
        DEFAULT.recommendation_for("F")
