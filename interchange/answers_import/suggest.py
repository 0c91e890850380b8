"""From the rows of a vendor's file to one suggestion per question of ours. Plain Python: the
formats (formats.py) have already read and checked the rows, the mapping says what informs what."""

from dataclasses import dataclass

from interchange.answers_import.mapping import Mapping

EXACT, PARTIAL, TEXT = "exact", "partial", "text"
CONFIDENCE_WORDS = {
    EXACT: "Exact match",
    PARTIAL: "Partial match",
    TEXT: "Explanation only",
}
NA_WORDS = ("na", "n/a", "n.a.", "not applicable")
MAX_TEXT = 9_000  # under the answer's 10,000 characters, with room for the row references


@dataclass(frozen=True)
class SourceRow:
    sheet: str
    row: int
    source_id: str
    answer: str
    notes: str

    @property
    def where(self) -> str:
        return f"{self.sheet}, row {self.row}"

    def as_dict(self) -> dict:
        return {
            "where": self.where,
            "id": self.source_id,
            "answer": self.answer,
            "notes": self.notes,
        }


@dataclass(frozen=True)
class Suggestion:
    question: str
    option: str | None
    na: bool
    confidence: str
    why: str
    sources: tuple[SourceRow, ...]


def word(text: str) -> str:
    return " ".join(text.casefold().split())


def yes_no_na(answer: str) -> str | None:
    """A CAIQ answer as "yes", "no" or "na"; "" when blank; None when it is none of them."""
    normal = word(answer)
    if normal == "":
        return ""
    if normal in ("yes", "y"):
        return "yes"
    if normal in ("no", "n"):
        return "no"
    if normal in NA_WORDS:
        return "na"
    return None


def _combined(answers: list[str]) -> str | None:
    given = [a for a in answers if a]
    if not given:
        return None
    if "no" in given:
        return "no"
    if all(a == "na" for a in given):
        return "na"
    return "yes"


def caiq_suggestions(mapping: Mapping, rows: dict[str, SourceRow], structure) -> list[Suggestion]:
    found: list[Suggestion] = []
    for link in mapping.links:
        question = structure.question(link.question)
        sources = tuple(rows[s] for s in link.sources if s in rows)
        if question is None or not sources:
            continue
        answers = [yes_no_na(r.answer) or "" for r in sources]
        if not any(answers) and not any(r.notes for r in sources):
            continue  # the vendor left these rows blank: nothing to suggest
        combined = _combined(answers)
        target = link.suggests.get(combined or "")
        if target is None:
            found.append(Suggestion(link.question, None, False, TEXT, link.why, sources))
            continue
        settled = (
            combined in link.exact
            and len(sources) == len(link.sources)
            and len({a for a in answers if a}) == 1
        )
        na = target == "na"
        found.append(
            Suggestion(
                link.question,
                None if na else target,
                na,
                EXACT if settled else PARTIAL,
                link.why,
                sources,
            )
        )
    return found


def option_for_label(question, answer: str) -> tuple[str | None, bool] | None:
    """The option an answer names, by its label or key, or N/A; None when it names none."""
    normal = word(answer)
    if normal in NA_WORDS and question.allows_na:
        return None, True
    for option in question.options:
        if normal in (word(option.label), option.key.casefold()):
            return option.key, False
    return None


def labelled_suggestions(
    links: dict[str, list[str]], rows: list[SourceRow], structure, *, why: str
) -> list[Suggestion]:
    """For formats whose answers are our own option labels: the offline questionnaire (each row
    names its question) and a column mapping (links: source id → our question keys). An answer
    that names an option is an exact match; other text only fills the explanation."""
    by_question: dict[str, list[SourceRow]] = {}
    for row in rows:
        for key in links.get(row.source_id, ()):
            by_question.setdefault(key, []).append(row)
    found = []
    for question in structure.questions:
        sources = by_question.get(question.key)
        if not sources:
            continue
        chosen = {option_for_label(question, r.answer) for r in sources if r.answer}
        chosen.discard(None)
        if len(chosen) == 1:
            option, na = next(iter(chosen))
            confidence = EXACT if len(sources) == 1 else PARTIAL
            found.append(Suggestion(question.key, option, na, confidence, why, tuple(sources)))
        elif len(chosen) > 1:
            option, na = sorted(chosen, key=str)[0]
            found.append(Suggestion(question.key, option, na, PARTIAL, why, tuple(sources)))
        else:
            found.append(Suggestion(question.key, None, False, TEXT, why, tuple(sources)))
    return found


def explanation_for(file_name: str, sources: tuple[SourceRow, ...]) -> str:
    """The vendor's notes, then where each came from: the row references stay with the answer."""
    notes = [r.notes for r in sources if r.notes]
    text = "\n\n".join(notes)
    if len(text) > MAX_TEXT:
        text = text[:MAX_TEXT].rstrip() + " […]"
    refs = "; ".join(f"{r.where} ({r.source_id}: {r.answer or 'no answer'})" for r in sources)
    reference = f"Imported from {file_name}: {refs}."
    return f"{text}\n\n{reference}" if text else reference
