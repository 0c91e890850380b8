"""The fixed words of the scoring model.

Order is meaning here: evidence levels run weakest first, severities most severe first and grades
best first, so an index into these tuples is a rank the engine can compare.
"""

EVIDENCE_LEVELS: tuple[str, ...] = ("claim", "documented", "attested", "verified")
SEVERITIES: tuple[str, ...] = ("critical", "high", "medium", "low")
GRADES: tuple[str, ...] = ("A", "B", "C", "D", "E")
RECOMMENDATIONS: tuple[str, ...] = (
    "recommended",
    "acceptable_with_conditions",
    "high_risk",
    "not_recommended",
)

# The qualities a design choice can cost us, and when: at go-live (work before launch) or over the
# long term (what bites during an incident, at renewal or at exit). Order is display order.
QUALITIES: tuple[str, ...] = ("security", "availability", "performance", "maintainability", "cost")
HORIZONS: tuple[str, ...] = ("go_live", "long_term")

# Vendors' own statements are claims by definition, so anything we cannot place is a claim too.
WEAKEST_EVIDENCE: str = EVIDENCE_LEVELS[0]


class RubricError(ValueError):
    """A rubric or scoring policy that cannot be scored; the message names the offending key."""
