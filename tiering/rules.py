"""The inherent-risk rules: a versioned file (tiering/rules/inherent-risk-v<N>.yaml) read into
frozen dataclasses, every mistake refused with a sentence that names the file and the place, and
the tier an offering's answers give. Pure Python apart from reading the file.
"""

import datetime
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

RULES_DIR = Path(__file__).resolve().parent / "rules"
CURRENT_FILE = "inherent-risk-v1.yaml"
ALL_DOMAINS = "all"


class RulesError(ValueError):
    """A rules file that cannot be used; the message names the file and the place."""


@dataclass(frozen=True)
class RiskOption:
    key: str
    label: str
    points: int
    tier_at_most: int | None


@dataclass(frozen=True)
class RiskQuestion:
    key: str
    text: str
    options: tuple[RiskOption, ...]

    def option(self, key: str) -> RiskOption | None:
        return next((o for o in self.options if o.key == key), None)


@dataclass(frozen=True)
class TierRule:
    tier: int
    label: str
    min_points: int
    review_every_months: int
    required_domains: tuple[str, ...] | str


@dataclass(frozen=True)
class Rules:
    key: str
    version: int
    title: str
    questions: tuple[RiskQuestion, ...]
    tiers: tuple[TierRule, ...]

    def tier_rule(self, tier: int) -> TierRule:
        return next(t for t in self.tiers if t.tier == tier)


@dataclass(frozen=True)
class TierResult:
    tier: int
    points: int
    reasons: tuple[str, ...]
    """Why, in sentences: the points, and each answer that capped the tier."""


def _need(condition: bool, where: str, message: str) -> None:
    if not condition:
        raise RulesError(f"{where}: {message}")


def _int(value, where: str, *, low: int = 0) -> int:
    _need(
        isinstance(value, int) and not isinstance(value, bool) and value >= low,
        where,
        f"must be a whole number of at least {low}, got {value!r}",
    )
    return value


def _option(raw, where: str, tiers: set[int]) -> RiskOption:
    _need(isinstance(raw, dict), where, "must be a mapping with key, label and points")
    unknown = set(raw) - {"key", "label", "points", "tier_at_most"}
    _need(not unknown, where, f"unknown field(s) {', '.join(sorted(unknown))}")
    _need(
        not isinstance(raw.get("key"), bool),
        f"{where}.key",
        "YAML reads yes/no/on/off as true/false: put the key in quotes",
    )
    for field in ("key", "label"):
        _need(isinstance(raw.get(field), str) and raw[field].strip(), where, f"needs a {field}")
    cap = raw.get("tier_at_most")
    if cap is not None:
        _need(cap in tiers, f"{where}.tier_at_most", f"{cap!r} is not one of the tiers")
    return RiskOption(raw["key"], raw["label"], _int(raw.get("points"), f"{where}.points"), cap)


def _question(raw, where: str, tiers: set[int]) -> RiskQuestion:
    _need(isinstance(raw, dict), where, "must be a mapping with key, text and options")
    for field in ("key", "text"):
        _need(isinstance(raw.get(field), str) and raw[field].strip(), where, f"needs a {field}")
    options = raw.get("options")
    _need(isinstance(options, list) and len(options) >= 2, where, "needs at least two options")
    parsed = tuple(_option(o, f"{where}.options[{i}]", tiers) for i, o in enumerate(options))
    keys = [o.key for o in parsed]
    _need(len(set(keys)) == len(keys), f"{where}.options", "option keys must be unique")
    return RiskQuestion(raw["key"], raw["text"], parsed)


def _tier(raw, where: str) -> TierRule:
    _need(isinstance(raw, dict), where, "must be a mapping")
    tier = _int(raw.get("tier"), f"{where}.tier", low=1)
    _need(isinstance(raw.get("label"), str) and raw["label"].strip(), where, "needs a label")
    domains = raw.get("required_domains", ALL_DOMAINS)
    if domains != ALL_DOMAINS:
        _need(
            isinstance(domains, list) and all(isinstance(d, str) and d for d in domains),
            f"{where}.required_domains",
            f"must be {ALL_DOMAINS!r} or a list of domain keys",
        )
        domains = tuple(domains)
    return TierRule(
        tier=tier,
        label=raw["label"],
        min_points=_int(raw.get("min_points"), f"{where}.min_points"),
        review_every_months=_int(
            raw.get("review_every_months"), f"{where}.review_every_months", low=1
        ),
        required_domains=domains,
    )


def rules_from_dict(raw, name: str) -> Rules:
    _need(isinstance(raw, dict), name, "must be a mapping")
    _need(raw.get("key") == "inherent-risk", f"{name}.key", "must be 'inherent-risk'")
    version = _int(raw.get("version"), f"{name}.version", low=1)
    tiers_raw = raw.get("tiers")
    _need(isinstance(tiers_raw, list) and tiers_raw, f"{name}.tiers", "needs at least one tier")
    tiers = tuple(_tier(t, f"{name}.tiers[{i}]") for i, t in enumerate(tiers_raw))
    numbers = [t.tier for t in tiers]
    _need(
        numbers == list(range(1, len(tiers) + 1)),
        f"{name}.tiers",
        f"must be listed 1, 2, 3 … in order, got {numbers}",
    )
    thresholds = [t.min_points for t in tiers]
    _need(
        thresholds == sorted(thresholds, reverse=True) and len(set(thresholds)) == len(tiers),
        f"{name}.tiers",
        f"min_points must fall from tier 1 down, got {thresholds}",
    )
    _need(thresholds[-1] == 0, f"{name}.tiers[{len(tiers) - 1}].min_points", "must be 0")
    questions_raw = raw.get("questions")
    _need(isinstance(questions_raw, list) and questions_raw, f"{name}.questions", "needs questions")
    questions = tuple(
        _question(q, f"{name}.questions[{i}]", set(numbers)) for i, q in enumerate(questions_raw)
    )
    keys = [q.key for q in questions]
    _need(len(set(keys)) == len(keys), f"{name}.questions", "question keys must be unique")
    title = raw.get("title") or "Inherent risk"
    return Rules("inherent-risk", version, str(title), questions, tiers)


def rules_load(path: Path) -> Rules:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise RulesError(f"{path.name}: cannot be read ({error})") from None
    return rules_from_dict(raw, path.name)


@cache
def current_rules() -> Rules:
    return rules_load(RULES_DIR / CURRENT_FILE)


def answers_problems(rules: Rules, answers: dict) -> dict[str, str]:
    """Question key → what is wrong with its answer (missing, or not one of its options)."""
    problems = {}
    for question in rules.questions:
        chosen = answers.get(question.key)
        if not chosen:
            problems[question.key] = "Choose an answer."
        elif question.option(chosen) is None:
            problems[question.key] = f"{chosen!r} is not one of this question's answers."
    return problems


def tier_of(rules: Rules, answers: dict) -> TierResult:
    """The tier complete, valid answers give (answers_problems first)."""
    chosen = [q.option(answers[q.key]) for q in rules.questions]
    points = sum(option.points for option in chosen)
    by_points = next(t.tier for t in rules.tiers if points >= t.min_points)
    reasons = [f"{points} points put it in tier {by_points}."]
    tier = by_points
    for option in chosen:
        if option.tier_at_most is not None and option.tier_at_most < by_points:
            reasons.append(
                f"“{option.label}” makes it at least tier {option.tier_at_most} on its own."
            )
            tier = min(tier, option.tier_at_most)
    return TierResult(tier, points, tuple(reasons))


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (the month's last day when it has fewer days)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")
