"""The assessment page with vendor invitations listed fits a 390 px phone: the invitations table
scrolls inside its own box, its visually-hidden labels included (absolutely placed, they would
otherwise widen the whole page)."""

from assessments.invitations.services import invitation_create
from assessments.lifecycle.services import assessment_create
from tests.e2e.conftest import login
from tests.factories import TEST_PASSWORD, OfferingFactory


def test_the_invitations_panel_scrolls_within_its_box_on_a_phone(
    page, questionnaire, procurement_user
):
    assessment = assessment_create(
        actor=procurement_user, offering=OfferingFactory(), questionnaire=questionnaire
    )
    invitation_create(
        actor=procurement_user,
        assessment=assessment,
        email="jo.with.a.rather.long.address@vendor.example",
        name="Jo Vendor",
        domain_keys=[d.key for d in questionnaire.domains.all()[:3]],
    )
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, procurement_user.username, TEST_PASSWORD)
    page.goto(f"/assessments/{assessment.pk}/")
    assert page.locator("table.invitation-list").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
