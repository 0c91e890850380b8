"""A carried verdict stands until the policy says it is too old, then goes back to a claim."""

import datetime

import pytest

from scoring.validity import level_aging

TODAY = datetime.date(2026, 12, 7)
POLICY = {"documented": 365, "attested": "attestation_end", "verified": 365}


def _age(level, days_ago, valid_until=None, validity=POLICY):
    return level_aging(
        level=level,
        set_on=TODAY - datetime.timedelta(days=days_ago),
        valid_until=valid_until,
        today=TODAY,
        validity=validity,
    )


@pytest.mark.parametrize("level", ["documented", "verified"])
def test_a_day_based_level_stands_up_to_its_age_and_decays_after(level):
    assert (_age(level, 365).level, _age(level, 365).decayed) == (level, False)
    aged = _age(level, 366)
    assert (aged.level, aged.decayed) == ("claim", True)
    assert "366 days ago" in aged.reason and "365 days" in aged.reason


def test_an_attestation_stands_until_its_own_end_date_however_old():
    assert _age("attested", 900, valid_until=TODAY).level == "attested"
    ended = _age("attested", 10, valid_until=TODAY - datetime.timedelta(days=1))
    assert ended.level == "claim"
    assert "valid until 6 Dec 2026" in ended.reason


def test_an_attestation_without_an_end_date_ages_like_a_year():
    assert _age("attested", 365).level == "attested"
    assert _age("attested", 366).level == "claim"


def test_a_level_without_a_rule_never_ages_and_a_claim_has_nothing_to_lose():
    assert _age("verified", 5000, validity={}).level == "verified"
    assert _age("claim", 5000).decayed is False


def test_a_passed_valid_until_ends_any_level():
    assert _age("verified", 1, valid_until=TODAY - datetime.timedelta(days=1)).level == "claim"
