"""Validation of questionnaire documents (see questionnaires/FORMAT.md).

`validate_document` takes the parsed YAML and returns a normalised document (defaults filled in,
nothing else) or raises QuestionnaireError naming the file, the key and the problem. The normalised
document is what gets hashed, stored and dumped, so loading the dump of a version is a no-op.
"""

import re
from typing import Any

from assessments.questionnaire.errors import QuestionnaireError
from assessments.questionnaire.schema_impact import (
    IMPACTS_RULES,
    require_impacts,
    validate_impacts,
    validate_reference_schemes,
    validate_references,
)
from scoring import DOCUMENT_KINDS, Rubric, RubricError

EVIDENCE_LEVELS = ("claim", "documented", "attested", "verified")
GRADES = ("A", "B", "C", "D", "E")
SEVERITIES = ("critical", "high", "medium", "low")
RECOMMENDATIONS = ("recommended", "acceptable_with_conditions", "high_risk", "not_recommended")
FOLLOW_UPS = ("weigh", "refine")
UNKNOWN_FINDINGS = ("optional", "required")
ATTESTATION_END = "attestation_end"

QUESTIONNAIRE_KEY = re.compile(r"^[a-z][a-z0-9_-]{0,63}$")
DOMAIN_KEY = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
QUESTION_KEY = re.compile(r"^[a-z][a-z0-9_.]{0,127}$")
RESERVED_QUESTION_KEYS = frozenset({"batch"})
OPTION_KEY = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
MAX_WEIGHT = 10
MIN_OPTIONS, MAX_OPTIONS = 3, 5


class _Checker:
    """Carries the file name so every error can say where it comes from."""

    def __init__(self, source: str) -> None:
        self.source = source
        # The criteria the file's questions may cite (reference_schemes), once validated.
        self.reference_schemes: list[dict] | None = None

    def fail(self, location: str, problem: str) -> QuestionnaireError:
        return QuestionnaireError(self.source, location, problem)

    def mapping(self, value: Any, location: str, required: set[str], optional: set[str]) -> dict:
        if not isinstance(value, dict):
            raise self.fail(location, f"must be a mapping, got {type(value).__name__}")
        for name in sorted(required):
            if name not in value:
                raise self.fail(location, f"missing field '{name}'")
        unknown = sorted(set(value) - required - optional)
        if unknown:
            raise self.fail(location, f"unknown field '{unknown[0]}'")
        return value

    def text(
        self, value: Any, location: str, *, allow_empty: bool = False, limit: int = 10_000
    ) -> str:
        if not isinstance(value, str):
            raise self.fail(location, f"must be text, got {type(value).__name__}")
        value = value.strip()
        if not value and not allow_empty:
            raise self.fail(location, "must not be empty")
        if len(value) > limit:
            raise self.fail(location, f"is longer than {limit} characters")
        return value

    def key(self, value: Any, location: str, pattern: re.Pattern) -> str:
        if not isinstance(value, str) or not pattern.match(value):
            raise self.fail(location, f"invalid key {value!r}: must match {pattern.pattern}")
        return value

    def boolean(self, value: Any, location: str) -> bool:
        if not isinstance(value, bool):
            raise self.fail(location, f"must be true or false, got {value!r}")
        return value

    def number(
        self, value: Any, location: str, *, low: float, high: float, low_open: bool
    ) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(location, f"must be a number, got {value!r}")
        too_low = value <= low if low_open else value < low
        if too_low or value > high:
            bound = f"greater than {low}" if low_open else f"at least {low}"
            raise self.fail(
                location, f"{value!r} is out of range: must be {bound} and at most {high}"
            )
        return float(value)

    def score(self, value: Any, location: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(location, f"score must be a whole number from 0 to 100, got {value!r}")
        if not 0 <= value <= 100:
            raise self.fail(location, f"score {value} is outside 0-100")
        return value


def validate_document(data: Any, source: str) -> dict:
    check = _Checker(source)
    doc = check.mapping(
        data,
        "top level",
        {"key", "version", "title", "scoring", "domains"},
        {"description", "carries_from", "reference_schemes"},
    )
    version = doc["version"]
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise check.fail("version", f"must be a positive whole number, got {version!r}")
    result = {
        "key": check.key(doc["key"], "key", QUESTIONNAIRE_KEY),
        "version": version,
        "title": check.text(doc["title"], "title", limit=200),
        "description": check.text(doc.get("description", ""), "description", allow_empty=True),
        "scoring": _validate_scoring(check, doc["scoring"]),
    }
    if doc.get("reference_schemes") is not None:
        check.reference_schemes = validate_reference_schemes(check, doc["reference_schemes"])
        result["reference_schemes"] = check.reference_schemes
    result["domains"] = _validate_domains(check, doc["domains"])
    require_impacts(check, result["scoring"].get("impacts", "optional"), result["domains"])
    if doc["scoring"].get("attestation_kinds") is not None:
        result["scoring"]["attestation_kinds"] = _validate_attestation_kinds(
            check, doc["scoring"]["attestation_kinds"], result["domains"]
        )
    if doc.get("carries_from") is not None:
        result["carries_from"] = _validate_carries_from(check, doc["carries_from"], result)
    _check_scoring_rules(check, result)
    return result


def _validate_attestation_kinds(check: _Checker, value: Any, domains: list[dict]) -> dict:
    """Per domain, the kinds of document that may back an *attested* answer (issue 23); a domain
    left out accepts every independent kind that tests operation."""
    where = "scoring.attestation_kinds"
    keys = {d["key"] for d in domains}
    if not isinstance(value, dict):
        raise check.fail(where, f"must be a mapping of domain keys, got {type(value).__name__}")
    result = {}
    for domain_key, listed in value.items():
        place = f"{where}.{domain_key}"
        if domain_key not in keys:
            raise check.fail(place, f"{domain_key!r} is not a domain of this questionnaire")
        if not isinstance(listed, list) or not listed:
            raise check.fail(place, "must be a list of document kinds")
        for kind in listed:
            if kind not in DOCUMENT_KINDS:
                known = ", ".join(DOCUMENT_KINDS)
                raise check.fail(place, f"{kind!r} is not a kind of document ({known})")
            _label, _time, independent, operates = DOCUMENT_KINDS[kind]
            if not (independent and operates):
                raise check.fail(
                    place,
                    f"{kind!r} can never back an attested answer: it is not an independent test "
                    "of controls operating over time",
                )
        result[domain_key] = sorted(set(listed))
    return dict(sorted(result.items()))


def _check_scoring_rules(check: _Checker, document: dict) -> None:
    """The rules that span questions (follow-ups that refine, findings for unknown answers) are
    the scoring engine's own; it checks them on the document it will score."""
    try:
        Rubric.from_dict(document)
    except RubricError as exc:
        raise check.fail("scoring rules", str(exc)) from None


def _validate_carries_from(check: _Checker, value: Any, document: dict) -> dict:
    """Which answers of an earlier version a reassessment onto this one carries, and where to.

    A question of the earlier version with the same key here, whose options keep their keys,
    carries as it is and needs no entry. An entry maps a question that was renamed, merged or whose
    options changed (`to`, `options`), or says that it is not carried (null)."""
    where = "carries_from"
    raw = check.mapping(value, where, {"version", "questions"}, set())
    version = raw["version"]
    if (
        isinstance(version, bool)
        or not isinstance(version, int)
        or not 0 < version < document["version"]
    ):
        raise check.fail(f"{where}.version", "must be an earlier version number of this file")
    questions = raw["questions"] or {}
    if not isinstance(questions, dict):
        raise check.fail(f"{where}.questions", "must map earlier question keys to their entries")
    here = {q["key"]: q for d in document["domains"] for q in d["questions"]}
    mapped: dict[str, dict | None] = {}
    for old_key, entry in questions.items():
        entry_where = f"{where}.questions.{old_key}"
        check.key(old_key, entry_where, QUESTION_KEY)
        if entry is None:
            mapped[old_key] = None
            continue
        entry = check.mapping(entry, entry_where, set(), {"to", "options"})
        target = entry.get("to", old_key)
        if target not in here:
            raise check.fail(f"{entry_where}.to", f"this version has no question '{target}'")
        options = entry.get("options") or {}
        if not isinstance(options, dict):
            raise check.fail(f"{entry_where}.options", "must map earlier option keys to options")
        known = {o["key"] for o in here[target]["options"]}
        for old_option, new_option in options.items():
            if new_option is not None and new_option not in known:
                raise check.fail(
                    f"{entry_where}.options.{old_option}",
                    f"question '{target}' has no option '{new_option}'",
                )
        mapped[old_key] = {"to": target, "options": dict(options)}
    return {"version": version, "questions": mapped}


def _validate_scoring(check: _Checker, value: Any) -> dict:
    scoring = check.mapping(
        value,
        "scoring",
        {"evidence_factors", "grade_bands", "grade_caps", "recommendations"},
        {
            "follow_ups",
            "unknown_findings",
            "evidence_validity_days",
            "impacts",
            "attestation_kinds",
        },
    )
    factors = check.mapping(
        scoring["evidence_factors"], "scoring.evidence_factors", set(EVIDENCE_LEVELS), set()
    )
    normalised_factors = {}
    previous = 0.0
    for level in EVIDENCE_LEVELS:
        where = f"scoring.evidence_factors.{level}"
        factor = check.number(factors[level], where, low=0, high=1, low_open=False)
        if factor < previous:
            raise check.fail(where, "factors must not decrease from claim to verified")
        normalised_factors[level] = previous = factor

    bands = check.mapping(scoring["grade_bands"], "scoring.grade_bands", set(GRADES), set())
    normalised_bands = {}
    previous = 101.0
    for grade in GRADES:
        where = f"scoring.grade_bands.{grade}"
        minimum = check.number(bands[grade], where, low=0, high=100, low_open=False)
        if minimum >= previous:
            raise check.fail(where, "grade minimums must strictly decrease from A to E")
        normalised_bands[grade] = previous = minimum
    if normalised_bands["E"] != 0:
        raise check.fail("scoring.grade_bands.E", "grade E must start at 0")

    caps = check.mapping(scoring["grade_caps"], "scoring.grade_caps", set(), set(SEVERITIES))
    for severity, grade in caps.items():
        if grade not in GRADES:
            raise check.fail(f"scoring.grade_caps.{severity}", f"unknown grade {grade!r}")

    recs = check.mapping(scoring["recommendations"], "scoring.recommendations", set(GRADES), set())
    for grade, recommendation in recs.items():
        if recommendation not in RECOMMENDATIONS:
            raise check.fail(
                f"scoring.recommendations.{grade}",
                f"unknown recommendation {recommendation!r}; "
                f"use one of {', '.join(RECOMMENDATIONS)}",
            )
    result = {
        "evidence_factors": normalised_factors,
        "grade_bands": normalised_bands,
        "grade_caps": {severity: caps[severity] for severity in SEVERITIES if severity in caps},
        "recommendations": {grade: recs[grade] for grade in GRADES},
    }
    # The rules a version opts into; left out at their defaults, so a v1 file normalises (and
    # hashes) exactly as it always did.
    for name, allowed, default in (
        ("follow_ups", FOLLOW_UPS, "weigh"),
        ("unknown_findings", UNKNOWN_FINDINGS, "optional"),
        ("impacts", IMPACTS_RULES, "optional"),
    ):
        chosen = scoring.get(name, default)
        if chosen not in allowed:
            raise check.fail(f"scoring.{name}", f"use one of {', '.join(allowed)}, not {chosen!r}")
        if chosen != default:
            result[name] = chosen
    if scoring.get("evidence_validity_days") is not None:
        result["evidence_validity_days"] = _validate_validity(
            check, scoring["evidence_validity_days"]
        )
    return result


def _validate_validity(check: _Checker, value: Any) -> dict:
    where = "scoring.evidence_validity_days"
    days = check.mapping(value, where, set(), set(EVIDENCE_LEVELS))
    for level, value in days.items():
        if value == ATTESTATION_END:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= 3650:
            raise check.fail(
                f"{where}.{level}",
                f"give a number of days from 1 to 3650, or '{ATTESTATION_END}', not {value!r}",
            )
    return {level: days[level] for level in EVIDENCE_LEVELS if level in days}


def _validate_domains(check: _Checker, value: Any) -> list[dict]:
    if not isinstance(value, list) or not value:
        raise check.fail("domains", "must be a non-empty list")
    domains: list[dict] = []
    seen_domains: set[str] = set()
    questions_so_far: dict[str, dict] = {}
    for index, raw in enumerate(value):
        where = f"domains[{index}]"
        domain = check.mapping(raw, where, {"key", "title", "weight", "questions"}, {"description"})
        key = check.key(domain["key"], f"{where}.key", DOMAIN_KEY)
        where = f"domain '{key}'"
        if key in seen_domains:
            raise check.fail(where, f"duplicate domain key '{key}'")
        seen_domains.add(key)
        questions = domain["questions"]
        if not isinstance(questions, list) or not questions:
            raise check.fail(f"{where}.questions", "must be a non-empty list")
        domains.append(
            {
                "key": key,
                "title": check.text(domain["title"], f"{where}.title", limit=200),
                "description": check.text(
                    domain.get("description", ""), f"{where}.description", allow_empty=True
                ),
                "weight": check.number(
                    domain["weight"], f"{where}.weight", low=0, high=MAX_WEIGHT, low_open=True
                ),
                "questions": [
                    _validate_question(
                        check, item, f"{where}.questions[{q_index}]", questions_so_far
                    )
                    for q_index, item in enumerate(questions)
                ],
            }
        )
    return domains


def _validate_question(check: _Checker, raw: Any, where: str, earlier: dict[str, dict]) -> dict:
    question = check.mapping(
        raw,
        where,
        {"key", "text", "options"},
        {
            "help",
            "required",
            "allows_na",
            "weight",
            "show_if",
            "refines",
            "scored",
            "unknown_finding",
            "references",
        },
    )
    key = check.key(question["key"], f"{where}.key", QUESTION_KEY)
    if key in RESERVED_QUESTION_KEYS:
        # The API's answers/<key>/ routes sit beside answers/batch/.
        raise check.fail(f"{where}.key", f"the question key '{key}' is reserved")
    where = f"question '{key}'"
    if key in earlier:
        raise check.fail(where, f"duplicate question key '{key}'")
    result = {
        "key": key,
        "text": check.text(question["text"], f"{where}.text", limit=2_000),
        "help": check.text(question.get("help", ""), f"{where}.help", allow_empty=True),
        "required": check.boolean(question.get("required", True), f"{where}.required"),
        "allows_na": check.boolean(question.get("allows_na", False), f"{where}.allows_na"),
        "weight": check.number(
            question.get("weight", 1), f"{where}.weight", low=0, high=MAX_WEIGHT, low_open=True
        ),
        "show_if": _validate_show_if(check, question.get("show_if"), f"{where}.show_if", earlier),
    }
    scored = check.boolean(question.get("scored", True), f"{where}.scored")
    result["options"] = _validate_options(check, question["options"], where, scored=scored)
    # Left out at their defaults, so a v1 question normalises exactly as it always did.
    if not scored:
        result["scored"] = False
    if question.get("refines") is not None:
        result["refines"] = _validate_refines(check, question["refines"], where, result["show_if"])
    if question.get("unknown_finding") is not None:
        if not scored:
            raise check.fail(f"{where}.unknown_finding", "a context question raises no findings")
        result["unknown_finding"] = _validate_finding(
            check, question["unknown_finding"], f"{where}.unknown_finding"
        )
    if question.get("references") is not None:
        result["references"] = validate_references(
            check, question["references"], where, check.reference_schemes
        )
    earlier[key] = result
    return result


def _validate_refines(check: _Checker, value: Any, where: str, show_if: Any) -> str:
    conditions = show_if if isinstance(show_if, list) else [show_if] if show_if else []
    if value not in {condition["question"] for condition in conditions}:
        raise check.fail(
            f"{where}.refines",
            f"'{value}' is not a question its show_if depends on; a follow-up refines the answer "
            "that shows it",
        )
    return value


def _validate_show_if(
    check: _Checker, raw: Any, where: str, earlier: dict[str, dict]
) -> dict | list[dict] | None:
    """One condition, or a list of conditions that must all hold."""
    if raw is None:
        return None
    if isinstance(raw, list):
        if not raw:
            raise check.fail(where, "must be a condition or a non-empty list of conditions")
        return [
            _validate_condition(check, item, f"{where}[{index}]", earlier)
            for index, item in enumerate(raw)
        ]
    return _validate_condition(check, raw, where, earlier)


def _validate_condition(check: _Checker, raw: Any, where: str, earlier: dict[str, dict]) -> dict:
    show_if = check.mapping(raw, where, {"question", "any_of"}, set())
    target = show_if["question"]
    if target not in earlier:
        raise check.fail(
            where, f"refers to unknown question '{target}' (it must be defined earlier in the file)"
        )
    any_of = show_if["any_of"]
    if not isinstance(any_of, list) or not any_of:
        raise check.fail(f"{where}.any_of", "must be a non-empty list of option keys")
    known = {option["key"] for option in earlier[target]["options"]}
    for option_key in any_of:
        if option_key not in known:
            raise check.fail(f"{where}.any_of", f"question '{target}' has no option '{option_key}'")
    return {"question": target, "any_of": list(any_of)}


def _validate_options(
    check: _Checker, raw: Any, question_where: str, *, scored: bool = True
) -> list[dict]:
    where = f"{question_where}.options"
    if not isinstance(raw, list) or not MIN_OPTIONS <= len(raw) <= MAX_OPTIONS:
        count = len(raw) if isinstance(raw, list) else 0
        raise check.fail(where, f"needs {MIN_OPTIONS} to {MAX_OPTIONS} options, found {count}")
    options: list[dict] = []
    seen: set[str] = set()
    for index, item in enumerate(raw):
        option = check.mapping(
            item,
            f"{where}[{index}]",
            {"key", "label", "score"},
            {"unknown", "finding", "impacts"},
        )
        key = check.key(option["key"], f"{where}[{index}].key", OPTION_KEY)
        option_where = f"{question_where}, option '{key}'"
        if key in seen:
            raise check.fail(option_where, f"duplicate option key '{key}'")
        seen.add(key)
        normalised = {
            "key": key,
            "label": check.text(option["label"], f"{option_where}.label", limit=1_000),
            "score": check.score(option["score"], f"{option_where}.score"),
            "unknown": check.boolean(option.get("unknown", False), f"{option_where}.unknown"),
            "finding": _validate_finding(check, option.get("finding"), f"{option_where}.finding"),
        }
        if option.get("impacts") is not None:
            normalised["impacts"] = validate_impacts(check, option["impacts"], option_where)
        options.append(normalised)
    unknown_count = sum(option["unknown"] for option in options)
    # A context question (the product's deployment, say) is always known to someone; it may
    # offer no "unknown" at all. A scored question always offers exactly one.
    if unknown_count != 1 and (scored or unknown_count > 1):
        raise check.fail(
            where, f"needs exactly one option with 'unknown: true', found {unknown_count}"
        )
    if not scored and any(option["finding"] for option in options):
        raise check.fail(where, "a context question (scored: false) raises no findings")
    return options


def _validate_finding(check: _Checker, raw: Any, where: str) -> dict | None:
    if raw is None:
        return None
    finding = check.mapping(raw, where, {"severity", "title", "rationale"}, set())
    severity = finding["severity"]
    if severity not in SEVERITIES:
        raise check.fail(
            f"{where}.severity",
            f"unknown severity {severity!r}; use one of {', '.join(SEVERITIES)}",
        )
    return {
        "severity": severity,
        "title": check.text(finding["title"], f"{where}.title", limit=200),
        "rationale": check.text(finding["rationale"], f"{where}.rationale", limit=2_000),
    }
