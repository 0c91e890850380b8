"""The report's appendix keeps the vendor's words and the buyer's notes apart, as the pages do: a
board reads what the vendor claimed and what we found, labelled, never merged."""

import pytest
from django.template.loader import render_to_string

from assessments.models import Answer
from reports.context import report_context
from tests.reports.conftest import answer_everything, assessment_of

pytestmark = pytest.mark.django_db


def test_the_appendix_shows_the_vendors_words_beside_our_notes(questionnaire, procurement_user):
    subject = assessment_of(questionnaire, procurement_user)
    key = answer_everything(subject, procurement_user)[0]
    Answer.objects.filter(assessment=subject, question__key=key).update(
        vendor_explanation="Keys live in a cloud HSM in each region.",
        explanation="Their SOC 2 report does not cover the HSM service.",
    )

    html = render_to_string("reports/assessment.html", report_context(assessment=subject))

    vendor = html.index("The vendor wrote:</span> Keys live in a cloud HSM in each region.")
    ours = html.index("Our notes:</span> Their SOC 2 report does not cover the HSM service.")
    assert vendor < ours


def test_notes_alone_carry_no_label(questionnaire, procurement_user):
    subject = assessment_of(questionnaire, procurement_user)
    answer_everything(subject, procurement_user, explanation="Checked in the admin console.")

    html = render_to_string("reports/assessment.html", report_context(assessment=subject))

    assert "Checked in the admin console." in html
    assert "The vendor wrote:" not in html and "Our notes:" not in html
