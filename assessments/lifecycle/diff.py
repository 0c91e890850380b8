"""What changed between two assessments — usually a reassessment and the revision it started from:
the answers that differ, the domain and overall scores, the grade, and the findings added, resolved
or still open. Plain data for the diff page.

Three queries whatever the questionnaire's size: each side's answers for scoring (the questionnaire
tree comes from the structure cache) and one query for both sides' explanations, which scoring
does not read.
"""

from typing import Any

from assessments.models import Answer, Assessment
from assessments.questionnaire.structure import Structure
from assessments.scoring_adapter import ScoredAssessment, assessment_score, scored_domains

SIDES = ("old", "new")


def assessment_diff(*, old: Assessment, new: Assessment) -> dict[str, Any]:
    scored = {"old": assessment_score(assessment=old), "new": assessment_score(assessment=new)}
    structures = {side: scored[side].structure for side in SIDES}
    cards = {side: scored[side].scorecard.to_dict() for side in SIDES}
    explanations = _explanations({"old": old.pk, "new": new.pk}, structures)
    return {
        "questions": _questions(scored, structures, cards, explanations),
        "domains": _domains(cards),
        "overall": {
            field: _pair(cards["old"][field], cards["new"][field])
            for field in ("claimed", "evidenced", "grade", "recommendation")
        },
        "findings": _findings(cards),
    }


def _pair(old: Any, new: Any) -> dict[str, Any]:
    return {"old": old, "new": new, "changed": old != new}


def _explanations(
    pks: dict[str, Any], structures: dict[str, Structure]
) -> dict[str, dict[str, str]]:
    """Per side, question key -> (the buyer's notes, the vendor's explanation); one query for
    both sides."""
    found: dict[str, dict[str, tuple[str, str]]] = {side: {} for side in SIDES}
    rows = Answer.objects.filter(assessment_id__in=set(pks.values())).values_list(
        "assessment_id", "question_id", "explanation", "vendor_explanation"
    )
    for assessment_id, question_id, explanation, vendor_explanation in rows:
        for side in SIDES:
            question = structures[side].by_id.get(question_id)
            if assessment_id == pks[side] and question is not None:
                found[side][question.key] = (explanation, vendor_explanation)
    return found


def _side(scored: ScoredAssessment, structure: Structure, card: dict) -> dict[str, dict]:
    """Per question key: the option label, N/A, evidence level and effective score."""
    given = {answer.question: answer for answer in scored.answers}
    state: dict[str, dict] = {}
    for row in card["trace"]:
        answer = given.get(row["key"])
        option = structure.question(row["key"]).option(answer.option) if answer else None
        state[row["key"]] = {
            "option": option.label if option else None,
            "option_key": option.key if option else None,
            "na": bool(answer and answer.na),
            # A level only means something for an answer that chose an option.
            "evidence_level": answer.evidence_level if option else None,
            "score": row["effective_score"],
        }
    return state


def _questions(
    scored: dict[str, ScoredAssessment],
    structures: dict[str, Structure],
    cards: dict[str, dict],
    explanations: dict[str, dict[str, tuple[str, str]]],
) -> list[dict]:
    states = {side: _side(scored[side], structures[side], cards[side]) for side in SIDES}
    old_structure, new_structure = structures["old"], structures["new"]
    # Two different questionnaire versions: questions only the old one has come last.
    keys = [q.key for q in new_structure.questions]
    keys += [q.key for q in old_structure.questions if new_structure.question(q.key) is None]
    empty = {"option": None, "option_key": None, "na": False, "evidence_level": None, "score": None}
    rows = []
    for key in keys:
        old, new = states["old"].get(key, empty), states["new"].get(key, empty)
        none = ("", "")
        explanation_changed = explanations["old"].get(key, none) != explanations["new"].get(
            key, none
        )
        changes = {
            "option_changed": (old["option_key"], old["na"]) != (new["option_key"], new["na"]),
            "evidence_changed": old["evidence_level"] != new["evidence_level"],
            "score_changed": old["score"] != new["score"],
            "explanation_changed": explanation_changed,
        }
        if not any(changes.values()):
            continue
        question = new_structure.question(key) or old_structure.question(key)
        rows.append(
            {
                "key": key,
                "text": question.text,
                "domain": question.domain_key,
                "old": old,
                "new": new,
                **changes,
            }
        )
    return rows


def _domains(cards: dict[str, dict]) -> list[dict]:
    by_side = {
        side: {d["key"]: d for d in scored_domains(cards[side]["domains"])} for side in SIDES
    }
    keys = list(by_side["new"]) + [k for k in by_side["old"] if k not in by_side["new"]]
    rows = []
    for key in keys:
        old, new = by_side["old"].get(key, {}), by_side["new"].get(key, {})
        claimed = _pair(old.get("claimed"), new.get("claimed"))
        evidenced = _pair(old.get("evidenced"), new.get("evidenced"))
        rows.append(
            {
                "key": key,
                "title": (new or old)["title"],
                "claimed": claimed,
                "evidenced": evidenced,
                "changed": claimed["changed"] or evidenced["changed"],
            }
        )
    return rows


def _findings(cards: dict[str, dict]) -> dict[str, list[dict]]:
    """Findings matched by question and title: one the new side lacks was resolved."""

    def by_identity(card: dict) -> dict[tuple[str, str], dict]:
        return {(f["question"], f["title"]): f for f in card["findings"]}

    old, new = by_identity(cards["old"]), by_identity(cards["new"])

    def item(finding: dict) -> dict:
        return {
            key: finding[key]
            for key in ("question", "question_text", "title", "severity", "accepted")
        }

    return {
        "added": [item(f) for identity, f in new.items() if identity not in old],
        "resolved": [item(f) for identity, f in old.items() if identity not in new],
        "still_open": [item(f) for identity, f in new.items() if identity in old],
    }
