import datetime

import pytest

from tests.factories import AssessmentFactory, ContactFactory, OfferingFactory, VendorFactory


@pytest.fixture
def vendor(db):
    vendor = VendorFactory(
        name="Acme", website="https://acme.example", country="Germany", notes="Prefers e-mail."
    )
    ContactFactory(
        vendor=vendor, name="Jo Smith", email="jo@acme.example", role="CISO", phone="+49 30 1"
    )
    return vendor


@pytest.fixture
def offering(vendor):
    return OfferingFactory(
        vendor=vendor, name="Acme Gateway", deployment_model="saas", description="Edge proxy."
    )


def test_readers_see_the_vendor_its_offerings_and_contacts(
    vendor, offering, viewer_user, browser_as
):
    response = browser_as(viewer_user).get(f"/vendors/{vendor.pk}/")

    assert response.status_code == 200
    for text in (
        "Acme",
        'href="https://acme.example"',
        "Germany",
        "Prefers e-mail.",
        "Acme Gateway",
        "SaaS",
        "Edge proxy.",
        "Jo Smith",
        "mailto:jo@acme.example",
        "CISO",
        "+49 30 1",
    ):
        assert text in response.text


def test_each_offering_shows_its_assessments_with_a_link(
    offering, questionnaire, viewer_user, browser_as
):
    assessment = AssessmentFactory(
        offering=offering,
        questionnaire=questionnaire,
        status="in_review",
        due_date=datetime.date(2031, 3, 14),
    )

    response = browser_as(viewer_user).get(f"/vendors/{offering.vendor.pk}/")

    assert f'href="/assessments/{assessment.pk}/"' in response.text
    assert "In review" in response.text
    assert questionnaire.title in response.text
    assert "14 Mar 2031" in response.text


def test_an_offering_without_assessments_says_so(offering, viewer_user, browser_as):
    response = browser_as(viewer_user).get(f"/vendors/{offering.vendor.pk}/")

    assert "No assessments of this offering yet." in response.text


@pytest.mark.parametrize("role", ["procurement_user", "admin_user"])
def test_editors_get_edit_add_and_start_assessment_links(role, offering, request, browser_as):
    vendor = offering.vendor
    response = browser_as(request.getfixturevalue(role)).get(f"/vendors/{vendor.pk}/")

    assert f'href="/vendors/{vendor.pk}/edit/"' in response.text
    assert f'href="/vendors/{vendor.pk}/offerings/new/"' in response.text
    assert f'href="/vendors/{vendor.pk}/contacts/new/"' in response.text
    assert f'href="/assessments/new/?offering={offering.pk}"' in response.text


def test_viewer_gets_no_start_assessment_link(offering, viewer_user, browser_as):
    response = browser_as(viewer_user).get(f"/vendors/{offering.vendor.pk}/")

    assert "/assessments/new/" not in response.text


@pytest.mark.parametrize(
    "url",
    [
        "/vendors/not-a-uuid/",
        "/vendors/00000000-0000-0000-0000-000000000000/",
        "/vendors/12345/",
    ],
)
def test_an_unknown_or_malformed_id_is_a_404(url, db, viewer_user, browser_as):
    assert browser_as(viewer_user).get(url).status_code == 404


def test_outsider_cannot_see_a_vendor(vendor, outsider_user, browser_as):
    response = browser_as(outsider_user).get(f"/vendors/{vendor.pk}/")

    assert response.status_code == 403
    assert "Jo Smith" not in response.text
