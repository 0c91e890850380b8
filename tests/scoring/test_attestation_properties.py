"""The scope check of attestations (scoring/attestation.py): what a document covers and when, and
the rule that a failed check never raises a score."""

import datetime
from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from scoring import EVIDENCE_LEVELS, Policy
from scoring.attestation import KINDS, DocumentFacts, ScopeCheck, backed_level, scope_check

TODAY = datetime.date(2026, 12, 7)
OFFERING = ("Acme Treasury Connect",)

dates = st.dates(min_value=datetime.date(2015, 1, 1), max_value=datetime.date(2035, 1, 1))
names = st.sampled_from(["Acme Payments", "Acme Treasury Connect", "ACME treasury  connect", ""])
facts = st.builds(
    DocumentFacts,
    kind=st.sampled_from(sorted(KINDS)),
    scope_products=st.lists(names, max_size=3).map(tuple),
    period_start=st.none() | dates,
    period_end=st.none() | dates,
    issued_on=st.none() | dates,
    expires_on=st.none() | dates,
    bridged_until=st.none() | dates,
    scope_justification=st.sampled_from(["", "The treasury product runs on the audited platform."]),
)


def _check(f, today=TODAY):
    return scope_check(f, offering_names=OFFERING, today=today)


def _rank(level: str) -> int:
    return EVIDENCE_LEVELS.index(level)


@given(level=st.sampled_from(EVIDENCE_LEVELS), documents=st.lists(facts, max_size=3))
def test_a_failed_scope_check_never_raises_a_level_or_its_factor(level, documents):
    checks = tuple(_check(f) for f in documents)
    backed = backed_level(level, checks)
    assert _rank(backed) <= _rank(level)
    policy = Policy.default()
    assert policy.factor(backed) <= policy.factor(level)
    if level == "attested" and checks and not any(c.passed for c in checks):
        assert backed == "documented"
    if level != "attested":
        assert backed == level


@given(f=facts, bridge=dates)
def test_a_bridge_letter_never_makes_a_document_fail(f, bridge):
    """It can turn "too old" into "bridge missing" (an old bridge), never add a flag."""
    without = _check(replace(f, bridged_until=None))
    bridged = _check(replace(f, bridged_until=bridge))
    assert len(bridged.flags) <= len(without.flags)
    if without.passed:
        assert bridged.passed


@given(f=facts, earlier=dates, later=dates)
def test_what_passes_later_passed_earlier(f, earlier, later):
    earlier, later = sorted((earlier, later))
    if _check(f, later).passed:
        assert _check(f, earlier).passed


@given(f=facts)
def test_a_scope_justification_clears_only_the_scope_flag(f):
    from dataclasses import replace

    plain = {flag.code for flag in _check(replace(f, scope_justification="")).flags}
    justified = {
        flag.code for flag in _check(replace(f, scope_justification="Same platform.")).flags
    }
    assert justified == plain - {"out_of_scope"}


def test_the_issue_case_other_product_and_a_period_ended_14_months_ago():
    report = DocumentFacts(
        kind="soc2_type2",
        scope_products=("Acme Payments",),
        period_start=datetime.date(2024, 10, 1),
        period_end=datetime.date(2025, 9, 30),
        label="SOC 2 Type II report by Example LLP",
    )
    flags = _check(report).flags
    assert [f.code for f in flags] == ["out_of_scope", "period_stale"]
    assert flags[0].rationale == (
        "The SOC 2 Type II report by Example LLP covers Acme Payments, not Acme Treasury Connect."
    )
    assert "ended 14 months ago (30 Sep 2025)" in flags[1].rationale
    assert backed_level("attested", (_check(report),)) == "documented"

    cleared = replace(
        report,
        bridged_until=datetime.date(2026, 11, 30),
        scope_justification="Treasury Connect is a module of the audited Acme Payments platform.",
    )
    assert _check(cleared).passed
    assert backed_level("attested", (_check(cleared),)) == "attested"


def test_three_months_after_the_period_a_bridge_letter_is_needed():
    report = DocumentFacts(
        kind="soc2_type2", scope_products=OFFERING, period_end=datetime.date(2026, 6, 30)
    )
    assert [f.code for f in _check(report).flags] == ["bridge_missing"]
    recent = DocumentFacts(
        kind="soc2_type2", scope_products=OFFERING, period_end=datetime.date(2026, 10, 31)
    )
    assert _check(recent).passed


def test_certificates_expire_and_type_one_never_attests_operation():
    cert = DocumentFacts(
        kind="iso27001", scope_products=OFFERING, expires_on=datetime.date(2026, 12, 6)
    )
    assert [f.code for f in _check(cert).flags] == ["expired"]
    type1 = DocumentFacts(
        kind="soc2_type1", scope_products=OFFERING, issued_on=datetime.date(2026, 11, 1)
    )
    assert [f.code for f in _check(type1).flags] == ["design_only"]
    policy = DocumentFacts(kind="policy", scope_products=OFFERING)
    assert [f.code for f in _check(policy).flags] == ["not_independent"]


def test_product_names_match_whatever_their_case_accents_and_spacing():
    report = DocumentFacts(
        kind="pentest", scope_products=("acmé  TREASURY connect",), issued_on=TODAY
    )
    assert scope_check(report, offering_names=("Acme Treasury Connect",), today=TODAY).passed


def test_no_documents_on_record_leaves_the_level_as_set():
    assert backed_level("attested", ()) == "attested"
    assert backed_level("attested", (ScopeCheck(),)) == "attested"


def test_accepted_kinds_from_the_questionnaire_policy():
    cert = DocumentFacts(kind="pci_dss_aoc", scope_products=OFFERING, expires_on=TODAY)
    refused = scope_check(
        cert, offering_names=OFFERING, today=TODAY, accepted_kinds=frozenset({"soc2_type2"})
    )
    assert [f.code for f in refused.flags] == ["kind_not_accepted"]
