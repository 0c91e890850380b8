"""Names in any script print as themselves: Latin, Greek, Cyrillic, CJK, Arabic and Hebrew all come
back out of the PDF's text. Without a font for a script the glyphs print as empty boxes and the
text does not come back (checked: this test fails with only DejaVu and Inter installed)."""

import pytest

from assessments.lifecycle.services import assessment_create
from reports.rendering import report_render
from reports.storage import report_storage
from tests.factories import OfferingFactory
from tests.reports.conftest import pdf_contains, pdf_text

pytestmark = pytest.mark.django_db

NAMES = {
    "vendor": "東京セキュリティ株式会社",
    "offering": "Ασφαλής Πύλη",
    "contact": "Сергей",
    "arabic": "بوابة آمنة",
    "hebrew": "שער מאובטח",
}


def test_every_script_round_trips_through_the_pdf(api, questionnaire, procurement_user):
    offering = OfferingFactory(
        vendor__name=f"{NAMES['vendor']} {NAMES['arabic']}",
        name=f"{NAMES['offering']} {NAMES['hebrew']} {NAMES['contact']}",
    )
    assessment = assessment_create(
        actor=procurement_user, offering=offering, questionnaire=questionnaire
    )
    response = api(procurement_user).post(f"/api/v1/assessments/{assessment.pk}/reports/")
    assert response.status_code == 202
    report = report_render(report_id=response.data["id"])
    with report_storage().open(report.artifact_name, "rb") as handle:
        text = pdf_text(handle.read())
    for script, name in NAMES.items():
        for word in name.split():
            assert pdf_contains(text, word), f"{script}: {word!r} did not survive"
