"""Validation of what questionnaire version 3 added (see questionnaires/FORMAT.md): the impacts
of an option (which quality it costs us, and when) and the external criteria a question helps to
check (`references`, against the `reference_schemes` the file lists).

Each is written into the normalised document only where the file uses it, so a file without them
normalises (and hashes) exactly as before.
"""

import re
from typing import Any

from scoring import HORIZONS, QUALITIES

IMPACTS_RULES = ("optional", "required")
SCHEME_KEY = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
# An impact's reason is one line that reads after "Long-term cost: " in the decision brief.
REASON_LIMIT = 200
MAX_IMPACTS = 5
MAX_REFERENCES = 12
# Below this, an option must say what it costs us (under `impacts: required`): a middling answer
# is not a red flag, but it is not free either.
IMPACT_SCORE_THRESHOLD = 50


def validate_impacts(check, raw: Any, where: str) -> list[dict]:
    """An option's `impacts`: a list of {quality, horizon, reason}, one per quality; `horizon` is
    one value or a list, normalised to a list in HORIZONS order."""
    where = f"{where}.impacts"
    if not isinstance(raw, list) or not raw:
        raise check.fail(where, "must be a non-empty list of {quality, horizon, reason}")
    if len(raw) > MAX_IMPACTS:
        raise check.fail(where, f"names at most {MAX_IMPACTS} impacts, one per quality")
    impacts, seen = [], set()
    for index, item in enumerate(raw):
        item_where = f"{where}[{index}]"
        impact = check.mapping(item, item_where, {"quality", "horizon", "reason"}, set())
        quality = impact["quality"]
        if quality not in QUALITIES:
            raise check.fail(
                f"{item_where}.quality",
                f"unknown quality {quality!r}; use one of {', '.join(QUALITIES)}",
            )
        if quality in seen:
            raise check.fail(
                f"{item_where}.quality",
                f"{quality} is named twice; give both horizons in one entry (horizon: "
                "[go_live, long_term])",
            )
        seen.add(quality)
        impacts.append(
            {
                "quality": quality,
                "horizon": _horizons(check, impact["horizon"], f"{item_where}.horizon"),
                "reason": _one_line(check, impact["reason"], f"{item_where}.reason"),
            }
        )
    return impacts


def _horizons(check, raw: Any, where: str) -> list[str]:
    chosen = raw if isinstance(raw, list) else [raw]
    if not chosen or any(h not in HORIZONS for h in chosen) or len(set(chosen)) != len(chosen):
        raise check.fail(where, f"must be {' or '.join(HORIZONS)}, or a list of both; got {raw!r}")
    return [h for h in HORIZONS if h in chosen]


def _one_line(check, raw: Any, where: str) -> str:
    reason = check.text(raw, where, limit=REASON_LIMIT)
    if "\n" in reason:
        raise check.fail(where, "must be one line")
    return reason


def require_impacts(check, rule: str, domains: list[dict]) -> None:
    """Under `impacts: required`, every option of a scored question that raises a finding, is the
    unknown option, or scores below IMPACT_SCORE_THRESHOLD says what it costs us."""
    if rule != "required":
        return
    for domain in domains:
        for question in domain["questions"]:
            if question.get("scored") is False:
                continue
            for option in question["options"]:
                needs = (
                    option["finding"] is not None
                    or option["unknown"]
                    or option["score"] < IMPACT_SCORE_THRESHOLD
                )
                if needs and not option.get("impacts"):
                    why = (
                        "raises a finding"
                        if option["finding"]
                        else "is the unknown option"
                        if option["unknown"]
                        else f"scores {option['score']}, below {IMPACT_SCORE_THRESHOLD}"
                    )
                    raise check.fail(
                        f"question '{question['key']}', option '{option['key']}'",
                        f"it {why}, so under 'impacts: required' it needs impacts",
                    )


def validate_reference_schemes(check, raw: Any) -> list[dict]:
    """The criteria the questions may cite: each scheme's key, a short label for where space is
    short ("NIST SSDF"), its full title and every id it has (the coverage page lists the ids no
    question touches)."""
    where = "reference_schemes"
    if not isinstance(raw, list) or not raw:
        raise check.fail(where, "must be a non-empty list of {key, label, title, items}")
    schemes, seen = [], set()
    for index, item in enumerate(raw):
        item_where = f"{where}[{index}]"
        scheme = check.mapping(item, item_where, {"key", "label", "title", "items"}, set())
        key = check.key(scheme["key"], f"{item_where}.key", SCHEME_KEY)
        if key in seen:
            raise check.fail(item_where, f"duplicate scheme key '{key}'")
        seen.add(key)
        items = scheme["items"]
        if not isinstance(items, list) or not items:
            raise check.fail(f"reference scheme '{key}'.items", "must be a non-empty list of ids")
        ids = [check.text(str(i), f"reference scheme '{key}'.items", limit=40) for i in items]
        if len(set(ids)) != len(ids):
            raise check.fail(f"reference scheme '{key}'.items", "lists an id twice")
        schemes.append(
            {
                "key": key,
                "label": check.text(scheme["label"], f"reference scheme '{key}'.label", limit=40),
                "title": check.text(scheme["title"], f"reference scheme '{key}'.title", limit=200),
                "items": ids,
            }
        )
    return schemes


def validate_references(check, raw: Any, where: str, schemes: list[dict] | None) -> list[dict]:
    where = f"{where}.references"
    if not schemes:
        raise check.fail(where, "cites criteria, but the file lists no reference_schemes")
    known = {scheme["key"]: set(scheme["items"]) for scheme in schemes}
    if not isinstance(raw, list) or not raw:
        raise check.fail(where, "must be a non-empty list of {scheme, id}")
    if len(raw) > MAX_REFERENCES:
        raise check.fail(where, f"cites at most {MAX_REFERENCES} criteria")
    references, seen = [], set()
    for index, item in enumerate(raw):
        item_where = f"{where}[{index}]"
        reference = check.mapping(item, item_where, {"scheme", "id"}, set())
        scheme, ident = reference["scheme"], str(reference["id"])
        if scheme not in known:
            raise check.fail(
                f"{item_where}.scheme",
                f"unknown scheme {scheme!r}; the file lists {', '.join(sorted(known))}",
            )
        if ident not in known[scheme]:
            raise check.fail(f"{item_where}.id", f"{scheme} has no id {ident!r}")
        if (scheme, ident) in seen:
            raise check.fail(item_where, f"{scheme} {ident} is cited twice")
        seen.add((scheme, ident))
        references.append({"scheme": scheme, "id": ident})
    return references
