"""Page one of the board report, the decision brief: what was decided, on what grade, the few
findings that matter most and where each stands, the conditions, and what the evidence rests on.

Pure functions over scorecard dicts and plain values, so the rules are tested without a PDF. The
brief shows a bounded amount: the full lists and texts follow in the report's later sections.
"""

from dataclasses import dataclass

from scoring import SEVERITIES

BRIEF_FINDINGS = 5
BRIEF_CONDITIONS = 4
STATUS_ORDER = {"open": 0, "conditioned": 1, "accepted": 2}
STRONGEST_FIRST = ("verified", "attested", "documented", "claim")
LEVEL_WORDS = {
    "verified": "verified by us",
    "attested": "independently attested",
    "documented": "documented by the vendor",
    "claim": "the vendor's word only",
}


@dataclass(frozen=True)
class BriefFinding:
    severity: str
    title: str
    domain_title: str
    status: str
    """"open", "conditioned" (a condition is linked to it) or "accepted" (its risk was accepted)."""
    conditions: tuple = ()


def finding_status(finding: dict) -> str:
    if finding["accepted"]:
        return "accepted"
    return "conditioned" if finding.get("conditions") else "open"


def brief_findings(findings: list[dict], domain_titles: dict[str, str]) -> list[BriefFinding]:
    """The findings that matter most: the most severe first and, at equal severity, the ones
    nobody has dealt with yet before those under a condition or accepted as risks."""
    ranked = sorted(
        findings,
        key=lambda f: (SEVERITIES.index(f["severity"]), STATUS_ORDER[finding_status(f)]),
    )
    return [
        BriefFinding(
            severity=f["severity"],
            title=f["title"],
            domain_title=domain_titles.get(f["domain"], ""),
            status=finding_status(f),
            conditions=tuple(f.get("conditions", ())),
        )
        for f in ranked[:BRIEF_FINDINGS]
    ]


def brief_conditions(conditions: list) -> list:
    """The earliest due first; conditions without a date last."""
    dated = sorted((c for c in conditions if c.due_date), key=lambda c: c.due_date)
    return (dated + [c for c in conditions if not c.due_date])[:BRIEF_CONDITIONS]


def gap_sentence(*, claimed: float, evidenced: float) -> str:
    """What the distance between the claimed and the evidenced score means, in one sentence."""
    if claimed <= 0:
        return "Nothing is claimed yet: no answer earns points so far."
    unbacked = max(0.0, (claimed - evidenced) / claimed)
    if unbacked < 0.1:
        return (
            f"Almost all of the claimed posture is backed by attestations or our own checks: "
            f"{evidenced:.1f} of the {claimed:.1f} points claimed hold when weighed by evidence."
        )
    return (
        f"{round(unbacked * 100)}% of the claimed posture rests on the vendor's word or its own "
        f"documents: weighed by evidence, {evidenced:.1f} of the {claimed:.1f} points hold."
    )


def evidence_basis(mix: list[dict]) -> list[dict]:
    """Share of answers at each level, strongest first, in words."""
    by_level = {e["level"]: e for e in mix}
    return [
        {
            "level": level,
            "words": LEVEL_WORDS[level],
            "count": by_level[level]["count"],
            "percent": round(by_level[level]["share"] * 100),
        }
        for level in STRONGEST_FIRST
        if level in by_level
    ]


def name_size(*names: str) -> str:
    """A smaller heading for long names, so the brief keeps its one page whatever they hold."""
    longest = max((len(n) for n in names), default=0)
    if longest > 90:
        return "names-long"
    return "names-medium" if longest > 40 else "names-short"


def audit_summary_sentences(events) -> list[str]:
    """The whole trail in a few sentences, one per kind of event in the order they first happened:
    who did it and how often ("architect changed how well an answer is backed, 25 times.")."""
    kinds: dict[str, dict] = {}
    for event in events:
        kind = kinds.setdefault(
            event.action, {"label": event.get_action_display(), "actors": [], "count": 0}
        )
        kind["count"] += 1
        if event.actor_label not in kind["actors"]:
            kind["actors"].append(event.actor_label)
    return [_audit_sentence(**kind) for kind in kinds.values()]


def _audit_sentence(*, label: str, actors: list[str], count: int) -> str:
    if len(actors) > 3:
        who = f"{', '.join(actors[:3])} and {len(actors) - 3} others"
    elif len(actors) > 1:
        who = f"{', '.join(actors[:-1])} and {actors[-1]}"
    else:
        who = actors[0]
    times = {1: "", 2: ", twice"}.get(count, f", {count} times")
    return f"{who} {label}{times}."
