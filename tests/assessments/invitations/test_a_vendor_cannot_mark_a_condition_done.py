"""A vendor contact's session (from an invitation link) reaches only the vendor's own pages: it
cannot mark a condition of approval done, in the browser or through the API, even on the very
assessment it was invited to."""

import pytest

from assessments.models import Assessment, AuditAction, AuditEvent
from tests.assessments.home.builders import DONE_NOTE, condition

pytestmark = pytest.mark.django_db


def test_a_vendor_session_cannot_mark_its_own_assessments_condition_done(vendor, assessment):
    Assessment.objects.filter(pk=assessment.pk).update(status="approved_with_conditions")
    target = condition(assessment, due_in_days=10)
    page = vendor.post(
        f"/assessments/{assessment.pk}/conditions/{target.pk}/done/", {"note": DONE_NOTE}
    )
    assert page.status_code == 302 and page.url.startswith("/accounts/login/")
    api = vendor.post(
        f"/api/v1/assessments/{assessment.pk}/conditions/{target.pk}/done/",
        {"note": DONE_NOTE},
        content_type="application/json",
    )
    assert api.status_code in (401, 403)
    target.refresh_from_db()
    assert target.done_at is None
    assert not AuditEvent.objects.filter(action=AuditAction.CONDITION_DONE).exists()
