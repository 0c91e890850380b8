"""Answering an offering's inherent-risk questions and overriding its tier: who may, what is
refused (by field), and the vendor's history keeping each change with its reason."""

import pytest
from django.utils.html import escape

from core.errors import NotAllowed, ServiceError
from tests.factories import OfferingFactory
from tiering.models import RiskProfile
from tiering.rules import current_rules
from tiering.services import REASON_NEEDED, risk_profile_record, tier_override
from vendors.models import CatalogueEvent

pytestmark = pytest.mark.django_db

LOW = {q.key: q.options[0].key for q in current_rules().questions}


def test_procurement_answers_and_the_history_keeps_it(procurement_user):
    offering = OfferingFactory()
    profile = risk_profile_record(actor=procurement_user, offering=offering, answers=LOW)
    assert (profile.tier, profile.points, profile.rules_version) == (4, 0, 1)
    event = CatalogueEvent.objects.get(action="tier.assessed")
    assert event.new["tier"] == 4 and event.subject == offering.name


def test_a_viewer_may_not_answer_and_missing_answers_are_named(viewer_user, procurement_user):
    offering = OfferingFactory()
    with pytest.raises(NotAllowed):
        risk_profile_record(actor=viewer_user, offering=offering, answers=LOW)
    with pytest.raises(ServiceError) as refused:
        risk_profile_record(
            actor=procurement_user, offering=offering, answers={**LOW, "criticality": ""}
        )
    assert refused.value.field_errors == {"criticality": ["Choose an answer."]}
    assert not RiskProfile.objects.exists()


def test_a_reviewer_overrides_with_a_reason_and_can_go_back(procurement_user, architect_user):
    offering = OfferingFactory()
    risk_profile_record(actor=procurement_user, offering=offering, answers=LOW)
    with pytest.raises(NotAllowed):
        tier_override(actor=procurement_user, offering=offering, tier=1, justification="x" * 30)
    with pytest.raises(ServiceError) as short:
        tier_override(actor=architect_user, offering=offering, tier=1, justification="payroll")
    assert short.value.field_errors == {"justification": [REASON_NEEDED]}
    profile = tier_override(
        actor=architect_user,
        offering=offering,
        tier=1,
        justification="It will hold our payroll data from next year.",
    )
    assert (profile.tier, profile.computed_tier) == (1, 4)
    back = tier_override(actor=architect_user, offering=offering, tier=None)
    assert back.tier == 4 and back.override_justification == ""
    overrides = CatalogueEvent.objects.filter(action="tier.overridden").order_by("created_at")
    assert [e.new["tier"] for e in overrides] == [1, 4]
    assert overrides[0].new["justification"] == "It will hold our payroll data from next year."


def test_the_page_asks_every_question_and_saves_the_tier(client, procurement_user):
    offering = OfferingFactory()
    client.force_login(procurement_user)
    url = f"/vendors/{offering.vendor_id}/offerings/{offering.pk}/risk/"
    page = client.get(url).content.decode()
    assert "no tier and no review cadence" in page
    for question in current_rules().questions:
        assert escape(question.text) in page
    refused = client.post(url, {"data_sensitivity": "restricted"})
    assert refused.status_code == 400 and "Choose an answer." in refused.content.decode()
    saved = client.post(url, {**LOW, "data_sensitivity": "restricted"}, follow=True)
    text = saved.content.decode()
    assert "Tier 1: Critical" in text and "Reviewed every 12 months." in text
    assert "makes it at least tier 1 on its own" in text
    vendor_page = client.get(f"/vendors/{offering.vendor_id}/").content.decode()
    assert "Tier 1: Critical" in vendor_page and "not decided yet" in vendor_page


def test_a_low_tier_page_names_its_required_domains_by_title(
    client, procurement_user, questionnaire
):
    offering = OfferingFactory()
    risk_profile_record(actor=procurement_user, offering=offering, answers=LOW)
    client.force_login(procurement_user)
    page = client.get(f"/vendors/{offering.vendor_id}/offerings/{offering.pk}/risk/")
    text = page.content.decode()
    title = questionnaire.domains.get(key="data_residency").title
    assert escape(title) in text and "data_residency" not in text
