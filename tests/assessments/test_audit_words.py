"""Audit events in sentences: question texts and option labels, never keys or field dumps."""

import pytest

from assessments.audit_words import Vocabulary, event_words
from assessments.models import AuditAction, AuditEvent
from assessments.questionnaire.structure import questionnaire_structure
from core.bidi import isolate_text
from tests.assessments.conftest import first_question
from tests.support.bidi import without_isolates

pytestmark = pytest.mark.django_db


def _event(action, key="", old=None, new=None):
    return AuditEvent(actor_label="ada", action=action, question_key=key, old=old, new=new)


@pytest.fixture
def words(questionnaire):
    return Vocabulary(questionnaire_structure(questionnaire))


def test_level_changes_say_raised_or_lowered_with_the_question_text(questionnaire, words):
    question = first_question(questionnaire)
    up = event_words(
        _event(
            AuditAction.ANSWER_EVIDENCE_LEVEL,
            question.key,
            {"evidence_level": "claim"},
            {"evidence_level": "verified", "valid_until": "2027-01-31"},
        ),
        words,
    )
    assert without_isolates(up.sentence) == (
        f"ada raised the evidence level of “{question.text}” from claim to verified, "
        "valid until 2027-01-31"
    )
    down = event_words(
        _event(
            AuditAction.ANSWER_EVIDENCE_LEVEL,
            question.key,
            {"evidence_level": "attested"},
            {"evidence_level": "documented", "valid_until": ""},
        ),
        words,
    )
    assert without_isolates(down.sentence).startswith("ada lowered the evidence level of")


def test_answers_are_told_by_their_option_labels(questionnaire, words):
    question = first_question(questionnaire)
    first, second = question.options.order_by("position")[:2]
    new = {"option": second.key, "na": False, "explanation": "", "evidence_level": "claim"}
    changed = event_words(
        _event(AuditAction.ANSWER_SAVED, question.key, dict(new, option=first.key), new), words
    )
    assert without_isolates(changed.sentence) == (
        f"ada changed the answer to “{question.text}” from “{first.label}” to “{second.label}”"
    )
    assert "option" not in changed.sentence and "na:" not in changed.sentence
    na = event_words(
        _event(AuditAction.ANSWER_SAVED, question.key, None, dict(new, option=None, na=True)),
        words,
    )
    assert without_isolates(na.sentence) == f"ada answered “{question.text}”: not applicable"


def test_a_departing_decision_says_why_and_quotes_the_rationale(words):
    decided = event_words(
        _event(
            AuditAction.ASSESSMENT_DECIDED,
            new={
                "status": "approved_with_conditions",
                "rationale": "Pilot only.",
                "grade": "E",
                "recommendation": "not_recommended",
                "departure_justification": "the pilot is isolated",
            },
        ),
        words,
    )
    assert without_isolates(decided.sentence) == (
        "ada decided: approved with conditions, at grade E (not recommended), departing from "
        "the recommendation because: the pilot is isolated"
    )
    assert decided.quote == "Pilot only."


def test_an_action_without_its_own_phrase_falls_back_to_its_label(words):
    event = _event(AuditAction.INVITATION_SENT)
    assert without_isolates(event_words(event, words).sentence) == "ada sent the invitation e-mail"


def test_what_people_typed_is_isolated_in_the_sentence(questionnaire, words):
    """Names, question texts and reasons sit between isolate characters (core/bidi.py), so that
    right-to-left text in them cannot turn the rest of the sentence round, on the page or in the
    PDF."""
    question = first_question(questionnaire)
    level = {"evidence_level": "verified", "valid_until": ""}
    raised = event_words(_event(AuditAction.ANSWER_EVIDENCE_LEVEL, question.key, {}, level), words)
    assert raised.sentence.startswith(
        f"{isolate_text('ada')} set the evidence level of “{isolate_text(question.text)}”"
    )
