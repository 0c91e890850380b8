from scoring import score
from tests.scoring.builders import GOOD, UNKNOWN, answer, flagged, question, rubric


def _options(severity: str):
    return (GOOD, flagged("flagged", 90, severity, f"{severity} flag"), UNKNOWN)


def _rubric(*severities: str):
    questions = [question(f"f{i}", options=_options(s)) for i, s in enumerate(severities)]
    return rubric(*questions, question("plain"))


def test_open_high_finding_caps_an_a_at_c():
    card = score(_rubric("high"), [answer("f0", "flagged"), answer("plain", "good")])
    # (90 + 100) / 2 = 95 would be an A.
    assert card.evidenced == 95.0
    assert card.uncapped_grade == "A"
    assert card.grade == "C"
    assert card.recommendation == "acceptable_with_conditions"
    assert [(c.severity, c.question, c.capped_to) for c in card.caps_applied] == [
        ("high", "f0", "C")
    ]


def test_open_critical_finding_gives_e_and_not_recommended():
    card = score(_rubric("critical"), [answer("f0", "flagged"), answer("plain", "good")])
    assert (card.uncapped_grade, card.grade) == ("A", "E")
    assert card.recommendation == "not_recommended"


def test_accepted_finding_does_not_cap_but_is_still_reported():
    accepted = answer(
        "f0", "flagged", finding_accepted=True, acceptance_justification="Mitigated by contract."
    )
    card = score(_rubric("critical"), [accepted, answer("plain", "good")])
    assert card.grade == "A"
    assert card.caps_applied == ()
    (finding,) = card.findings
    assert finding.accepted is True
    assert finding.acceptance_justification == "Mitigated by contract."


def test_justification_of_an_unaccepted_finding_is_not_reported():
    open_ = answer("f0", "flagged", acceptance_justification="draft note")
    card = score(_rubric("high"), [open_, answer("plain", "good")])
    assert card.findings[0].acceptance_justification == ""


def test_medium_and_low_findings_do_not_cap_under_the_default_policy():
    card = score(
        _rubric("medium", "low"),
        [answer("f0", "flagged"), answer("f1", "flagged"), answer("plain", "good")],
    )
    assert card.grade == "A"
    assert len(card.findings) == 2


def test_worst_cap_wins():
    card = score(
        _rubric("high", "critical"),
        [answer("f0", "flagged"), answer("f1", "flagged"), answer("plain", "good")],
    )
    assert card.grade == "E"
    assert [c.capped_to for c in card.caps_applied] == ["E", "C"]


def test_cap_that_would_not_lower_the_grade_is_not_listed():
    card = score(_rubric("high"), [answer("f0", "flagged", "claim")])
    # evidenced (90 * 0.4 + 0) / 2 = 18 is already an E; the C cap changes nothing.
    assert card.grade == "E"
    assert card.caps_applied == ()
    assert len(card.findings) == 1


def test_findings_are_ordered_by_severity_then_rubric_order():
    r = _rubric("low", "high", "critical", "high")
    card = score(r, [answer(f"f{i}", "flagged") for i in range(4)])
    assert [(f.severity, f.question) for f in card.findings] == [
        ("critical", "f2"),
        ("high", "f1"),
        ("high", "f3"),
        ("low", "f0"),
    ]


def test_finding_carries_what_the_report_needs():
    card = score(_rubric("high"), [answer("f0", "flagged", "documented")])
    (finding,) = card.findings
    assert finding.to_dict() == {
        "severity": "high",
        "domain": "d1",
        "question": "f0",
        "question_text": "Question f0?",
        "option": "flagged",
        "title": "high flag",
        "rationale": "Why flagged is a problem.",
        "evidence_level": "documented",
        "accepted": False,
        "acceptance_justification": "",
    }
