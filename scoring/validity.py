"""How long an evidence level stands: when a reassessment carries an architect's verdict into a new
revision, a level older than the policy allows goes back to a claim.

The rule per level is a number of days since the level was set, or "attestation_end": it stands
until the attestation's own end date (the answer's valid-until). A level with no rule never ages;
a claim has nothing to lose. A valid-until date that has passed ends any level. Pure: dates in,
a verdict out.
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

ATTESTATION_END = "attestation_end"
CLAIM = "claim"
# An attestation with no end date on record stands as long as a documented level.
UNDATED_ATTESTATION_DAYS = 365


@dataclass(frozen=True, slots=True)
class Aging:
    level: str
    """The level the carried answer keeps: the one it had, or "claim"."""
    reason: str
    """Why it decayed, in a sentence; empty when it stands."""

    @property
    def decayed(self) -> bool:
        return bool(self.reason)


def level_aging(
    *,
    level: str,
    set_on: datetime.date,
    valid_until: datetime.date | None,
    today: datetime.date,
    validity: Mapping[str, int | str],
) -> Aging:
    if level == CLAIM:
        return Aging(level, "")
    if valid_until is not None and valid_until < today:
        return Aging(CLAIM, f"its evidence was valid until {valid_until:%-d %b %Y}")
    rule = validity.get(level)
    if rule is None:
        return Aging(level, "")
    if rule == ATTESTATION_END:
        if valid_until is not None:
            return Aging(level, "")  # not passed: checked above
        rule = UNDATED_ATTESTATION_DAYS
    age = (today - set_on).days
    if age > int(rule):
        return Aging(
            CLAIM, f"the {level} level was set {age} days ago; the policy keeps it {rule} days"
        )
    return Aging(level, "")
