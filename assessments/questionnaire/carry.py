"""Where an answer of one questionnaire version goes in another: the same question and option
when the keys match, else what the newer version's `carries_from` mapping says (FORMAT.md)."""

from dataclasses import dataclass

from assessments.questionnaire.structure import OptionNode, QuestionNode, Structure

QUESTION_DROPPED = "The new version no longer asks this question."
OPTION_DROPPED = "This answer has no counterpart in the new version: choose one again."
NA_NOT_ALLOWED = "The new version does not allow N/A here: choose an answer."


@dataclass(frozen=True)
class Carried:
    """Where an answer lands: the question in the target version and, unless the answer must be
    chosen again (`reason`), its option (None with `na` for N/A, or when nothing was chosen)."""

    question: QuestionNode
    option: OptionNode | None
    na: bool
    reason: str = ""


def carry_answer(
    *,
    source: Structure,
    target: Structure,
    carries_from: dict,
    question_id: int,
    option_id: int | None,
    is_na: bool,
) -> Carried | str:
    """The answer's place in `target`, or the reason it has none."""
    old_question = source.by_id[question_id]
    old_option = old_question.option_by_id(option_id)
    if source.questionnaire_id == target.questionnaire_id:
        return Carried(old_question, old_option, is_na)
    entries = (carries_from or {}).get("questions", {})
    if old_question.key in entries and entries[old_question.key] is None:
        return QUESTION_DROPPED
    entry = entries.get(old_question.key) or {}
    new_question = target.question(entry.get("to") or old_question.key)
    if new_question is None:
        return QUESTION_DROPPED
    if is_na:
        if new_question.allows_na:
            return Carried(new_question, None, True)
        return Carried(new_question, None, False, NA_NOT_ALLOWED)
    if old_option is None:
        return Carried(new_question, None, False)
    options = entry.get("options") or {}
    new_key = options.get(old_option.key, old_option.key)  # null in the file: no counterpart
    new_option = new_question.option(new_key) if new_key else None
    if new_option is None:
        return Carried(new_question, None, False, OPTION_DROPPED)
    return Carried(new_question, new_option, False)
