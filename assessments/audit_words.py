"""Audit events in words a person reads: "architect raised the evidence level of “How are updates
signed?” from claim to verified", never `answer.evidence_level` or `option: x; na: False`.

The one place that turns an event's action (the AuditAction enum) and its stored before/after
values into a sentence and, where the event carries someone's own words (a justification, a
comment, a rationale), a quote. The history page, the review workspace and the report's audit
summary all read events through `event_words`.

Everything in a sentence that someone typed (names, question texts, option labels, finding titles,
owners, reasons) goes in between Unicode isolate characters (core/bidi.py): the sentence is plain
text for the page and the PDF alike, and right-to-left text in it cannot turn the rest round.
"""

from collections.abc import Callable
from dataclasses import dataclass

from assessments.models import AuditAction, AuditEvent, EvidenceLevel
from assessments.questionnaire.structure import Structure
from core.bidi import isolate_text as typed

LEVEL_ORDER = [level for level, _ in EvidenceLevel.choices]
DECISION_WORDS = {
    "approved": "approved",
    "approved_with_conditions": "approved with conditions",
    "rejected": "rejected",
}
QUOTE_LIMIT = 400


@dataclass(frozen=True)
class EventWords:
    sentence: str
    """What the actor did, starting with the actor's name."""
    quote: str = ""
    """Their own words, where the event has some."""


class Vocabulary:
    """Question texts and option labels of one questionnaire version, for sentences."""

    def __init__(self, structure: Structure | None) -> None:
        self.structure = structure

    def question(self, key: str) -> str:
        node = self.structure.question(key) if self.structure and key else None
        return f"“{typed(node.text)}”" if node else (f"“{key}”" if key else "the assessment")

    def option(self, key: str, values: dict | None) -> str:
        if not values:
            return "no answer"
        if values.get("na"):
            return "not applicable"
        node = self.structure.question(key) if self.structure else None
        option = node.option(values.get("option")) if node else None
        if option is not None:
            return f"“{typed(option.label)}”"
        return f"“{typed(values['option'])}”" if values.get("option") else "no option"


def event_words(event: AuditEvent, words: Vocabulary) -> EventWords:
    describe = _PHRASES.get(event.action)
    old, new = event.old or {}, event.new or {}
    if describe is None:
        phrase = event.get_action_display()
        if event.question_key:
            phrase += f" on {words.question(event.question_key)}"
        return EventWords(f"{typed(event.actor_label)} {phrase}")
    phrase, quote = describe(event.question_key, old, new, words)
    return EventWords(f"{typed(event.actor_label)} {phrase}", _clip(quote))


def _clip(text) -> str:
    text = str(text or "").strip()
    return text if len(text) <= QUOTE_LIMIT else text[: QUOTE_LIMIT - 1] + "…"


def _answer_saved(key, old, new, words):
    q = words.question(key)
    if not old:
        said = new.get("vendor_explanation") or new.get("explanation", "")
        return f"answered {q}: {words.option(key, new)}", said
    before, after = words.option(key, old), words.option(key, new)
    if before != after:
        return f"changed the answer to {q} from {before} to {after}", ""
    if old.get("vendor_explanation") != new.get("vendor_explanation"):
        return f"changed the vendor's explanation of the answer to {q}", new["vendor_explanation"]
    if old.get("explanation") != new.get("explanation"):
        return f"changed the explanation of the answer to {q}", new.get("explanation", "")
    if old.get("evidence_level") != new.get("evidence_level"):
        return _level_phrase(q, old.get("evidence_level"), new.get("evidence_level")), ""
    return f"saved the answer to {q} unchanged", ""


def _level_phrase(q, before, after) -> str:
    if before in LEVEL_ORDER and after in LEVEL_ORDER:
        way = "raised" if LEVEL_ORDER.index(after) > LEVEL_ORDER.index(before) else "lowered"
        return f"{way} the evidence level of {q} from {before} to {after}"
    return f"set the evidence level of {q} to {after}"


def _evidence_level(key, old, new, words):
    phrase = _level_phrase(words.question(key), old.get("evidence_level"), new["evidence_level"])
    if new.get("valid_until"):
        phrase += f", valid until {new['valid_until']}"
    return phrase, ""


def _override(key, old, new, words):
    q = words.question(key)
    if new.get("score") is None:
        return f"withdrew the reviewer's score on {q}", new.get("justification", "")
    return f"set a reviewer's score of {new['score']:g} on {q}", new.get("justification", "")


def _accepted(key, old, new, words):
    finding = f"“{typed(new['finding'])}”" if new.get("finding") else "its finding"
    return (
        f"accepted the risk of {finding} on {words.question(key)}",
        new.get("justification", ""),
    )


def _acceptance_withdrawn(key, old, new, words):
    return f"withdrew the accepted risk on {words.question(key)}", new.get("justification", "")


def _comment(key, old, new, words):
    where = f"on {words.question(key)}" if key else "on the assessment"
    return f"commented {where}", new.get("body", "")


def _condition(key, old, new, words):
    extra = f", owned by {typed(new['owner'])}" if new.get("owner") else ""
    if new.get("due_date"):
        extra += f", due {new['due_date']}"
    return f"added a condition of approval{extra}", new.get("text", "")


def _condition_done(key, old, new, words):
    text = f" “{typed(_clip(new['text']))}”" if new.get("text") else ""
    owner = f", owned by {typed(new['owner'])}," if new.get("owner") else ""
    return f"marked the condition of approval{text}{owner} done", new.get("note", "")


def _decided(key, old, new, words):
    decision = DECISION_WORDS.get(new.get("status"), new.get("status", ""))
    phrase = f"decided: {decision}"
    if new.get("grade"):
        rec = str(new.get("recommendation", "")).replace("_", " ")
        phrase += f", at grade {new['grade']} ({rec})"
    if new.get("departure_justification"):
        phrase += ", departing from the recommendation because: " + typed(
            new["departure_justification"]
        )
    return phrase, new.get("rationale", "")


def _withdrawn(key, old, new, words):
    decision = DECISION_WORDS.get(old.get("status"), old.get("status", "the"))
    return f"withdrew the decision ({decision}) and reopened the review", new.get("reason", "")


def _reviewed(key, old, new, words):
    verb = "reconfirmed" if new.get("carried") else "reviewed"
    level = new.get("evidence_level")
    return f"{verb} {words.question(key)} and kept its evidence level ({level})", ""


def _domain_reviewed(key, old, new, words):
    n = len(new.get("questions", []))
    return (
        f"reviewed {n} answer{'s' if n != 1 else ''} of “{typed(new.get('domain', ''))}” "
        "and kept their evidence levels",
        "",
    )


def _changes_requested(key, old, new, words):
    keys = new.get("questions", [])
    listed = ", ".join(words.question(k) for k in keys)
    return f"sent the answers back for clarification of {listed}", new.get("message", "")


def _evidence_added(key, old, new, words):
    what = new.get("name") or new.get("url")
    what = f"“{typed(what)}”" if what else "evidence"
    return f"attached {what} to {words.question(key)}", ""


def _answers_imported(key, old, new, words):
    count = len(new.get("questions") or ())
    answers = "1 answer" if count == 1 else f"{count} answers"
    name = typed(new.get("file") or "a file")
    return f"imported {answers} from “{name}” ({typed(new.get('format') or '')})", (
        f"SHA-256 {new.get('sha256', '')}"
    )


_PHRASES: dict[str, Callable] = {
    AuditAction.ANSWER_SAVED: _answer_saved,
    AuditAction.ANSWER_EVIDENCE_LEVEL: _evidence_level,
    AuditAction.ANSWER_OVERRIDE: _override,
    AuditAction.FINDING_ACCEPTED: _accepted,
    AuditAction.FINDING_ACCEPTANCE_WITHDRAWN: _acceptance_withdrawn,
    AuditAction.COMMENT_ADDED: _comment,
    AuditAction.CONDITION_ADDED: _condition,
    AuditAction.CONDITION_DONE: _condition_done,
    AuditAction.ASSESSMENT_DECIDED: _decided,
    AuditAction.DECISION_WITHDRAWN: _withdrawn,
    AuditAction.ANSWER_REVIEWED: _reviewed,
    AuditAction.DOMAIN_REVIEWED: _domain_reviewed,
    AuditAction.REVIEW_CHANGES_REQUESTED: _changes_requested,
    AuditAction.EVIDENCE_ADDED: _evidence_added,
    AuditAction.ANSWERS_IMPORTED: _answers_imported,
}


def events_in_words(events, structure: Structure | None) -> list[tuple[AuditEvent, EventWords]]:
    words = Vocabulary(structure)
    return [(event, event_words(event, words)) for event in events]
