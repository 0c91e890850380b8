"""Whether an attestation covers what it is said to cover: the product, and the time.

An answer is *attested* only when a third party staked its reputation on it for this offering and
for now. The check takes the facts recorded from the document (its kind, the products its scope
names, its period or validity, a bridge letter's coverage) and returns flags, each with a sentence
saying what is wrong. While any flag stands the answer is scored at the documented level: a failed
check can lower a score, never raise it (tests/scoring/test_attestation_properties.py).

Pure: facts and dates in, flags out. Which kinds may back *attested* at all, per questionnaire
domain, is the questionnaire's policy; kinds that never test that a control operates (a SOC 2
Type I report tests design at one date) or that are not independent (the vendor's own documents)
are flagged whatever the policy says.
"""

import datetime
import unicodedata
from dataclasses import dataclass, field

ATTESTED = "attested"
DOCUMENTED = "documented"

# kind → (label, how its time is stated, independent third party, tests operation over time)
#   period: an audit period (start and end), validity: issued and expiring, dated: one date.
KINDS: dict[str, tuple[str, str, bool, bool]] = {
    "soc2_type2": ("SOC 2 Type II report", "period", True, True),
    "soc2_type1": ("SOC 2 Type I report", "dated", True, False),
    "soc3": ("SOC 3 report", "period", True, True),
    "iso27001": ("ISO/IEC 27001 certificate", "validity", True, True),
    "iso27017": ("ISO/IEC 27017 certificate", "validity", True, True),
    "iso27018": ("ISO/IEC 27018 certificate", "validity", True, True),
    "csa_star": ("CSA STAR attestation or certification", "validity", True, True),
    "pci_dss_aoc": ("PCI DSS Attestation of Compliance", "validity", True, True),
    "fedramp": ("FedRAMP or equivalent authorisation", "validity", True, True),
    "pentest": ("Penetration test letter or report", "dated", True, True),
    "bridge_letter": ("Bridge letter", "dated", False, False),
    "architecture": ("Architecture document", "dated", False, False),
    "policy": ("Vendor policy", "dated", False, False),
    "other": ("Other document", "dated", False, False),
}

# A SOC 2 period stops counting this long after it ended, however it was bridged.
STALE_AFTER_DAYS = 365
# Past this gap after the period ended, a bridge letter must cover the months since.
BRIDGE_AFTER_DAYS = 92
# A dated test (a penetration test) counts for a year.
DATED_TEST_DAYS = 365


@dataclass(frozen=True, slots=True)
class DocumentFacts:
    kind: str
    scope_products: tuple[str, ...] = ()
    period_start: datetime.date | None = None
    period_end: datetime.date | None = None
    issued_on: datetime.date | None = None
    expires_on: datetime.date | None = None
    bridged_until: datetime.date | None = None
    """The latest date a bridge letter for this report covers, if any."""
    scope_justification: str = ""
    """The reviewer's reason the document applies although its scope does not name the offering."""
    label: str = ""
    """How the flags name the document (e.g. "SOC 2 Type II report by Example LLP")."""


@dataclass(frozen=True, slots=True)
class ScopeFlag:
    code: str
    title: str
    rationale: str


@dataclass(frozen=True, slots=True)
class ScopeCheck:
    flags: tuple[ScopeFlag, ...] = field(default_factory=tuple)

    @property
    def passed(self) -> bool:
        return not self.flags


def _folded(text: str) -> str:
    """Case, accents and spacing do not make a different product name."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


def names_offering(scope_products: tuple[str, ...], offering_names: tuple[str, ...]) -> bool:
    wanted = {_folded(name) for name in offering_names if name.strip()}
    return any(_folded(product) in wanted for product in scope_products)


def _months(days: int) -> str:
    months = round(days / 30.44)
    return f"{months} month{'' if months == 1 else 's'}"


def _scope_flag(facts: DocumentFacts, offering_names: tuple[str, ...]) -> ScopeFlag | None:
    if facts.scope_justification.strip() or names_offering(facts.scope_products, offering_names):
        return None
    covered = ", ".join(facts.scope_products) or "no product"
    wanted = offering_names[0] if offering_names else "the assessed offering"
    return ScopeFlag(
        "out_of_scope",
        "Attestation covers another product",
        f"The {facts.label or KINDS[facts.kind][0]} covers {covered}, not {wanted}.",
    )


def _period_flags(facts: DocumentFacts, today: datetime.date) -> list[ScopeFlag]:
    label = facts.label or KINDS[facts.kind][0]
    if facts.period_end is None:
        return [
            ScopeFlag(
                "undated", "Audit period not recorded", f"The {label} has no period end on record."
            )
        ]
    covered_until = max(facts.period_end, facts.bridged_until or facts.period_end)
    since_end = (today - facts.period_end).days
    if (today - covered_until).days > STALE_AFTER_DAYS:
        return [
            ScopeFlag(
                "period_stale",
                "Audit period too old",
                f"The period of the {label} ended {_months(since_end)} ago "
                f"({facts.period_end:%-d %b %Y}); a period that ended more than 12 months ago "
                "no longer shows that the controls operate now.",
            )
        ]
    bridged = (
        facts.bridged_until is not None and (today - facts.bridged_until).days <= BRIDGE_AFTER_DAYS
    )
    if since_end > BRIDGE_AFTER_DAYS and not bridged:
        return [
            ScopeFlag(
                "bridge_missing",
                "No bridge letter for the months since the audit",
                f"The period of the {label} ended {_months(since_end)} ago and no bridge letter "
                "covers the months since.",
            )
        ]
    return []


def _validity_flags(facts: DocumentFacts, today: datetime.date) -> list[ScopeFlag]:
    label = facts.label or KINDS[facts.kind][0]
    if facts.expires_on is None:
        return [
            ScopeFlag(
                "undated", "Validity not recorded", f"The {label} has no expiry date on record."
            )
        ]
    if facts.expires_on < today:
        return [
            ScopeFlag(
                "expired",
                "Certificate expired",
                f"The {label} expired on {facts.expires_on:%-d %b %Y}.",
            )
        ]
    return []


def _dated_flags(facts: DocumentFacts, today: datetime.date) -> list[ScopeFlag]:
    label = facts.label or KINDS[facts.kind][0]
    if facts.issued_on is None:
        return [ScopeFlag("undated", "Date not recorded", f"The {label} has no date on record.")]
    age = (today - facts.issued_on).days
    if age > DATED_TEST_DAYS:
        return [
            ScopeFlag(
                "period_stale",
                "Test too old",
                f"The {label} is dated {facts.issued_on:%-d %b %Y}, {_months(age)} ago; a test "
                "more than 12 months old says little about the product today.",
            )
        ]
    return []


def _kind_flags(facts: DocumentFacts, accepted_kinds: frozenset[str] | None) -> list[ScopeFlag]:
    label, _, independent, operates = KINDS[facts.kind]
    if not independent:
        return [
            ScopeFlag(
                "not_independent",
                "Not an independent attestation",
                f"A {label.lower()} is the vendor's own statement: it can document an answer, "
                "not attest it.",
            )
        ]
    if not operates:
        return [
            ScopeFlag(
                "design_only",
                "Tests design, not operation",
                f"A {label} tests that controls were designed, at one date; it does not show "
                "that they operated over time.",
            )
        ]
    if accepted_kinds is not None and facts.kind not in accepted_kinds:
        return [
            ScopeFlag(
                "kind_not_accepted",
                "Kind of attestation not accepted here",
                f"The questionnaire does not accept a {label} as attestation for this domain.",
            )
        ]
    return []


TIME_CHECKS = {"period": _period_flags, "validity": _validity_flags, "dated": _dated_flags}


def scope_check(
    facts: DocumentFacts,
    *,
    offering_names: tuple[str, ...],
    today: datetime.date,
    accepted_kinds: frozenset[str] | None = None,
) -> ScopeCheck:
    """Every way the document fails to back an *attested* answer for this offering today."""
    if facts.kind not in KINDS:
        return ScopeCheck(
            (ScopeFlag("unknown_kind", "Unknown document", "The document's kind is not known."),)
        )
    kind_flags = _kind_flags(facts, accepted_kinds)
    if kind_flags and kind_flags[0].code == "not_independent":
        return ScopeCheck(tuple(kind_flags))
    flags = [*kind_flags]
    scope = _scope_flag(facts, offering_names)
    if scope:
        flags.append(scope)
    flags.extend(TIME_CHECKS[KINDS[facts.kind][1]](facts, today))
    return ScopeCheck(tuple(flags))


def backed_level(level: str, checks: tuple[ScopeCheck, ...]) -> str:
    """The level an answer is scored at. *Attested* with documents on record needs one that
    passes, else it counts as *documented*; with none on record it stays as the reviewer set it
    (assessments scored before documents were recorded keep their scores). Every other level is
    what it is: a claim has nothing to lose, and *verified* rests on our own architect."""
    if level != ATTESTED or not checks:
        return level
    return ATTESTED if any(check.passed for check in checks) else DOCUMENTED


def counts_until(facts: DocumentFacts) -> datetime.date | None:
    """The last day the document can back an attested answer on time alone (scope aside): a
    certificate's expiry; a SOC 2 period's end (or its bridge letter's) plus 12 months; a dated
    test's date plus 12 months; None for kinds that never attest or when no date is recorded."""
    _label, time_kind, independent, operates = KINDS.get(facts.kind, ("", "", False, False))
    if not (independent and operates):
        return None
    if time_kind == "validity":
        return facts.expires_on
    if time_kind == "period" and facts.period_end:
        covered = max(facts.period_end, facts.bridged_until or facts.period_end)
        return covered + datetime.timedelta(days=STALE_AFTER_DAYS)
    if time_kind == "dated" and facts.issued_on:
        return facts.issued_on + datetime.timedelta(days=DATED_TEST_DAYS)
    return None
