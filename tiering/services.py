"""Recording an offering's inherent-risk answers, and a reviewer's override of the tier. Each is
written to the vendor's history (vendors.CatalogueEvent) in the same transaction."""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from core.errors import NotAllowed, ServiceError
from core.permissions import can_assess_inherent_risk, can_review
from core.text import multi_line_text
from tiering.models import RiskProfile
from tiering.rules import answers_problems, current_rules, tier_of
from vendors.models import CatalogueAction, Offering
from vendors.services import catalogue_record

WHO_ANSWERS = "Procurement or a reviewer answers the inherent-risk questions."
WHO_OVERRIDES = "Only a reviewer overrides a tier."
ANSWER_FIRST = "Answer the inherent-risk questions first: an override changes a computed tier."
UNKNOWN_TIER = "Choose a tier from 1 to {last}, or none to go back to the computed tier."
REASON_NEEDED = "Say why the computed tier is wrong for this offering (at least 20 characters)."
MIN_REASON = 20


@transaction.atomic
def risk_profile_record(
    *, actor: AbstractBaseUser, offering: Offering, answers: dict
) -> RiskProfile:
    if not can_assess_inherent_risk(actor):
        raise NotAllowed(WHO_ANSWERS)
    rules = current_rules()
    problems = answers_problems(rules, answers)
    if problems:
        raise ServiceError("The inherent-risk answers were not saved.", field_errors={
            key: [message] for key, message in problems.items()
        })  # fmt: skip
    result = tier_of(rules, answers)
    profile = RiskProfile.objects.select_for_update().filter(offering=offering).first()
    old = {"tier": profile.tier, "answers": profile.answers} if profile else None
    profile = profile or RiskProfile(offering=offering)
    profile.rules_version = rules.version
    profile.answers = {q.key: answers[q.key] for q in rules.questions}
    profile.points = result.points
    profile.computed_tier = result.tier
    profile.assessed_by = actor
    profile.save()
    catalogue_record(
        vendor=offering.vendor,
        actor=actor,
        action=CatalogueAction.TIER_ASSESSED,
        subject=offering.name,
        old=old,
        new={"tier": profile.tier, "computed_tier": result.tier, "answers": profile.answers},
    )
    return profile


@transaction.atomic
def tier_override(
    *, actor: AbstractBaseUser, offering: Offering, tier: int | None, justification: str = ""
) -> RiskProfile:
    """A reviewer sets the tier (None: back to the computed one), saying why."""
    if not can_review(actor):
        raise NotAllowed(WHO_OVERRIDES)
    profile = RiskProfile.objects.select_for_update().filter(offering=offering).first()
    if profile is None:
        raise ServiceError(ANSWER_FIRST, field_errors={"tier": [ANSWER_FIRST]})
    last = len(current_rules().tiers)
    if tier is not None and not 1 <= tier <= last:
        message = UNKNOWN_TIER.format(last=last)
        raise ServiceError(message, field_errors={"tier": [message]})
    reason = multi_line_text(justification or "").strip()
    if tier is not None and len(reason) < MIN_REASON:
        raise ServiceError(REASON_NEEDED, field_errors={"justification": [REASON_NEEDED]})
    old = {"tier": profile.tier, "override_tier": profile.override_tier}
    profile.override_tier = tier
    profile.override_justification = reason[:2_000] if tier is not None else ""
    profile.overridden_by, profile.overridden_at = actor, timezone.now()
    profile.save()
    catalogue_record(
        vendor=offering.vendor,
        actor=actor,
        action=CatalogueAction.TIER_OVERRIDDEN,
        subject=offering.name,
        old=old,
        new={"tier": profile.tier, "override_tier": tier, "justification": reason},
    )
    return profile
