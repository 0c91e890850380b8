"""An offering's inherent risk: the questions and the tier they give, its cadence, and a
reviewer's override with the reason."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from core.errors import ServiceError
from core.permissions import can_assess_inherent_risk, can_read, can_review, role_required
from tiering.models import RiskProfile
from tiering.rules import ALL_DOMAINS, current_rules, tier_of
from tiering.selectors import domain_titles, offerings_cadence
from tiering.services import risk_profile_record, tier_override
from vendors.models import Offering
from vendors.selectors import vendor_get_for_user

SAVED = "The answers are saved: the offering is tier {tier}."
OVERRIDDEN = "The tier is now {tier}."
OVERRIDE_REMOVED = "The override is removed: the computed tier {tier} applies again."


def _answer_form(data=None, initial=None) -> forms.Form:
    form = forms.Form(data, initial=initial)
    for question in current_rules().questions:
        form.fields[question.key] = forms.ChoiceField(
            label=question.text,
            choices=[(o.key, o.label) for o in question.options],
            widget=forms.RadioSelect,
            error_messages={"required": "Choose an answer."},
        )
    return form


class OverrideForm(forms.Form):
    tier = forms.TypedChoiceField(
        label="Tier",
        coerce=int,
        empty_value=None,
        required=False,
        choices=(),
    )
    justification = forms.CharField(
        label="Why the computed tier is wrong for this offering",
        required=False,
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tier"].choices = [("", "The computed tier")] + [
            (t.tier, f"Tier {t.tier}: {t.label}") for t in current_rules().tiers
        ]


def _offering(request, pk, offering_id) -> Offering:
    vendor = vendor_get_for_user(user=request.user, pk=pk)
    return get_object_or_404(
        Offering.objects.select_related("vendor"), pk=offering_id, vendor=vendor
    )


def _page(request, offering, *, form=None, override_form=None, status=200):
    profile = RiskProfile.objects.filter(offering=offering).first()
    rules = current_rules()
    result = (
        tier_of(rules, profile.answers)
        if profile and profile.rules_version == rules.version
        else None
    )
    cadence = offerings_cadence([offering.pk])[offering.pk]
    return render(
        request,
        "tiering/risk.html",
        {
            "vendor": offering.vendor,
            "offering": offering,
            "profile": profile,
            "result": result,
            "rules": rules,
            "cadence": cadence,
            "days_left": cadence.days_left(timezone.localdate()),
            "required_domain_titles": domain_titles(cadence.required_domains)
            if cadence.required_domains != ALL_DOMAINS
            else [],
            "form": form or _answer_form(initial=profile.answers if profile else None),
            "override_form": override_form
            or OverrideForm(initial={"tier": profile.override_tier if profile else None}),
            "may_answer": can_assess_inherent_risk(request.user),
            "may_override": can_review(request.user) and profile is not None,
        },
        status=status,
    )


def _refused(form: forms.Form, error: ServiceError) -> None:
    for field, problems in (error.field_errors or {None: [error.message]}).items():
        form.add_error(field if field in form.fields else None, problems)


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_read)
def offering_risk(request, pk, offering_id):
    if request.method == "POST" and not (can_assess_inherent_risk(request.user)):
        raise PermissionDenied
    offering = _offering(request, pk, offering_id)
    if request.method != "POST":
        return _page(request, offering)
    form = _answer_form(request.POST)
    if not form.is_valid():
        return _page(request, offering, form=form, status=400)
    try:
        profile = risk_profile_record(
            actor=request.user, offering=offering, answers=form.cleaned_data
        )
    except ServiceError as error:
        _refused(form, error)
        return _page(request, offering, form=form, status=error.http_status)
    messages.success(request, SAVED.format(tier=profile.tier))
    return redirect("tiering:risk", pk=pk, offering_id=offering_id)


@require_POST
@role_required(can_review)
def offering_tier_override(request, pk, offering_id):
    offering = _offering(request, pk, offering_id)
    form = OverrideForm(request.POST)
    if not form.is_valid():
        return _page(request, offering, override_form=form, status=400)
    tier = form.cleaned_data["tier"]
    try:
        profile = tier_override(
            actor=request.user,
            offering=offering,
            tier=tier,
            justification=form.cleaned_data["justification"],
        )
    except ServiceError as error:
        _refused(form, error)
        return _page(request, offering, override_form=form, status=error.http_status)
    message = OVERRIDDEN if tier is not None else OVERRIDE_REMOVED
    messages.success(request, message.format(tier=profile.tier))
    return redirect("tiering:risk", pk=pk, offering_id=offering_id)
