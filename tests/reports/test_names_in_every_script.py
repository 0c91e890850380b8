"""Names in any script print as themselves: Latin, Greek, Cyrillic, CJK, Arabic and Hebrew all come
back out of the PDF's text. Without a font for a script the glyphs print as empty boxes and the
text does not come back (checked: this test fails with only DejaVu and Inter installed)."""

import html
import re
import subprocess

import pytest

from assessments.lifecycle.services import assessment_create
from reports.pdf import html_to_pdf_bytes
from reports.rendering import report_html, report_render
from reports.services import report_request
from reports.storage import report_storage
from tests.factories import OfferingFactory
from tests.reports.conftest import (
    assessment_of,
    decide_with_conditions,
    pdf_contains,
    pdf_text,
)

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


def _page_one_words(pdf: bytes) -> list[str]:
    """The words of page one as poppler lays them out, left to right as printed."""
    layout = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", "-bbox", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout.decode()
    return [html.unescape(w) for w in re.findall(r"<word [^>]*>(.*?)</word>", layout)]


def test_a_direction_override_in_a_name_cannot_reverse_what_follows_it(
    questionnaire, procurement_user, architect_user
):
    """A name holding RIGHT-TO-LEFT OVERRIDE (U+202E) with no closing mark once reversed the rest
    of its line ("by \u202eMallory on 7 December" printed "rebmeceD 7 no"). Names are isolated,
    so the override ends with the name."""
    architect_user.first_name = "\u202eMallory"
    architect_user.save(update_fields=["first_name"])
    subject = decide_with_conditions(
        assessment_of(questionnaire, procurement_user),
        procurement=procurement_user,
        architect=architect_user,
    )
    report, _ = report_request(actor=procurement_user, assessment=subject)
    html_text, _ = report_html(report, for_pdf=True)

    words = _page_one_words(html_to_pdf_bytes(html_text))

    month = f"{subject.decided_at:%B}"
    assert month in words and month[::-1] not in words
    assert "yrollaM" in words  # the override still applies inside the name itself
