"""Reads of tiers and cadence: each offering's tier, its last decision and when its next review
is due (the decision's date plus its tier's interval), for the vendor pages and the due job."""

import datetime
from dataclasses import dataclass

from django.db.models import Max

from assessments.models import Assessment
from tiering.models import RiskProfile
from tiering.rules import ALL_DOMAINS, add_months, current_rules


@dataclass(frozen=True)
class Cadence:
    tier: int | None
    tier_label: str
    overridden: bool
    last_decided_on: datetime.date | None
    next_review_due: datetime.date | None
    review_every_months: int | None
    required_domains: tuple[str, ...] | str

    def days_left(self, today: datetime.date) -> int | None:
        return None if self.next_review_due is None else (self.next_review_due - today).days


NO_TIER = Cadence(None, "", False, None, None, None, ALL_DOMAINS)


def offerings_cadence(offering_ids) -> dict:
    """Offering id → its Cadence, for every id given (two queries whatever their number)."""
    ids = list(offering_ids)
    if not ids:
        return {}
    profiles = {p.offering_id: p for p in RiskProfile.objects.filter(offering_id__in=ids)}
    decided = dict(
        Assessment.objects.filter(offering_id__in=ids, decided_at__isnull=False)
        .values("offering_id")
        .annotate(last=Max("decided_at"))
        .values_list("offering_id", "last")
    )
    rules = current_rules()
    found = {}
    for offering_id in ids:
        profile = profiles.get(offering_id)
        last = decided.get(offering_id)
        last_day = last.date() if last else None
        if profile is None:
            found[offering_id] = Cadence(None, "", False, last_day, None, None, ALL_DOMAINS)
            continue
        rule = rules.tier_rule(profile.tier)
        found[offering_id] = Cadence(
            tier=profile.tier,
            tier_label=rule.label,
            overridden=profile.override_tier is not None,
            last_decided_on=last_day,
            next_review_due=add_months(last_day, rule.review_every_months) if last_day else None,
            review_every_months=rule.review_every_months,
            required_domains=rule.required_domains,
        )
    return found


@dataclass(frozen=True)
class VendorCadence:
    tier: int | None
    """Its most critical offering's tier."""
    next_review_due: datetime.date | None
    """The soonest next review among its offerings."""


def vendors_cadence(vendor_ids) -> dict:
    """Vendor id → VendorCadence (three queries whatever their number)."""
    from vendors.models import Offering

    offerings = dict(
        Offering.objects.filter(vendor_id__in=list(vendor_ids)).values_list("pk", "vendor_id")
    )
    cadence = offerings_cadence(offerings)
    found: dict = {}
    for offering_id, vendor_id in offerings.items():
        c = cadence[offering_id]
        tier, due = found.get(vendor_id, (None, None))
        tiers = [t for t in (tier, c.tier) if t is not None]
        dues = [d for d in (due, c.next_review_due) if d is not None]
        found[vendor_id] = (min(tiers) if tiers else None, min(dues) if dues else None)
    return {vendor_id: VendorCadence(*pair) for vendor_id, pair in found.items()}


def domain_titles(keys) -> list[str]:
    """The titles the newest questionnaire gives these domain keys (a key it lacks, as is)."""
    from assessments.models import Domain

    titles = dict(
        Domain.objects.filter(key__in=list(keys), questionnaire__status="published")
        .order_by("questionnaire__published_at")
        .values_list("key", "title")
    )
    return [titles.get(key, key) for key in keys]


def submission_requires(*, offering_id, missing: list[str], structure) -> list[str]:
    """Of the unanswered required questions, those the offering's tier requires before an
    assessment is submitted: every one for tier 1 or an offering without a tier; for a lower
    tier, those in the domains its rule names. The rest still count as unanswered in the score."""
    profile = RiskProfile.objects.filter(offering_id=offering_id).first()
    if profile is None:
        return missing
    domains = current_rules().tier_rule(profile.tier).required_domains
    if domains == ALL_DOMAINS:
        return missing
    return [key for key in missing if structure.question(key).domain_key in domains]
