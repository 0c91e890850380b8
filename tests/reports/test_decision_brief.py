"""Page one of the PDF is the decision brief, and it is the whole decision on one page: the names,
the decision and who made it, the grade and recommendation, the findings that matter most, the
conditions and what the evidence rests on — for a realistic assessment and for the longest input a
user can type (names at their 200-character limit, a long rationale and departure, a dozen long
conditions). The identifiers live in the colophon on the last page and in short form in the footer.
"""

import pytest

from assessments.lifecycle.services import assessment_submit
from assessments.review.services import condition_add, review_start
from reports.context import report_context
from reports.services import report_request
from tests.assessments.helpers import decide
from tests.reports.conftest import (
    CONDITION,
    answer_everything,
    assessment_of,
    decide_with_conditions,
    pdf_contains,
    report_pages,
)

pytestmark = pytest.mark.django_db

LONG_VENDOR = ("Northern Hemisphere Consolidated Security Appliance Holdings " * 4)[:200].strip()
LONG_OFFERING = ("Enterprise Zero Trust Edge Gateway Platform Premium Edition " * 4)[:200].strip()
LONG_OWNER = ("Group Chief Information Security Office, Vendor Risk " * 4)[:200].strip()
BRIEF_END = "What the evidence rests on"


def _assert_page_one_is_the_whole_decision(pages, subject, *, owner):
    one = pages[0]
    card = report_context(assessment=subject)["card"]
    for needle in (
        subject.offering.vendor.name,
        subject.offering.name,
        "Approved with conditions",
        f"by {subject.decided_by.get_username()}",
        "What matters most",
        "Conditions of approval",
        owner[:40],
        BRIEF_END,
    ):
        assert pdf_contains(one, needle), f"page one lacks {needle!r}"
    assert f"GRADE {card['grade']}" in one.upper().replace("\n", " ")
    # Nothing of the brief spilled onto page two, which opens the detail.
    assert (
        pages[1].split(" ", 4)[-1].startswith("Scores by domain") or "Scores by domain" in pages[1]
    )
    assert BRIEF_END not in pages[1] and "Conditions of approval" not in pages[1]


def test_page_one_of_a_realistic_report_holds_the_whole_decision(
    questionnaire, procurement_user, architect_user
):
    subject = decide_with_conditions(
        assessment_of(questionnaire, procurement_user),
        procurement=procurement_user,
        architect=architect_user,
    )
    report, _ = report_request(actor=procurement_user, assessment=subject)

    pages = report_pages(report)

    _assert_page_one_is_the_whole_decision(pages, subject, owner="Vendor security team")
    assert pdf_contains(pages[0], CONDITION)
    # The full identifiers are only in the colophon, on the last page; the footer has a short form.
    digest = report_context(assessment=subject)["scorecard_sha256"]
    assert str(report.pk) not in pages[0] and digest not in pages[0]
    assert f"Report {str(report.pk)[:8]} · scorecard {digest[:12]}" in pages[0]
    colophon = pages[-1]
    assert "About this report" in colophon and str(report.pk) in colophon
    assert pdf_contains(colophon, digest)
    assert pdf_contains(colophon, f"version {questionnaire.version}")


def test_page_one_holds_the_decision_with_the_longest_input_a_user_can_give(
    questionnaire, procurement_user, architect_user
):
    subject = assessment_of(questionnaire, procurement_user, vendor=LONG_VENDOR)
    subject.offering.name = LONG_OFFERING
    subject.offering.save(update_fields=["name"])
    answer_everything(subject, procurement_user)  # the worst options: every finding there is
    assessment_submit(actor=procurement_user, assessment_pk=subject.pk)
    review_start(actor=architect_user, assessment_pk=subject.pk)
    for number in range(12):
        condition_add(
            actor=architect_user,
            assessment_pk=subject.pk,
            text=f"Condition {number}: " + "the vendor shows us the signed evidence " * 50,
            owner=LONG_OWNER,
        )
    decide(
        actor=architect_user,
        assessment_pk=subject.pk,
        decision="approved_with_conditions",
        rationale="We accept this for a limited pilot with test data only. " * 90,
        departure="Our exit plan and the pilot's isolation make the open risks tolerable. " * 40,
    )
    subject.refresh_from_db()
    report, _ = report_request(actor=procurement_user, assessment=subject)

    pages = report_pages(report)

    _assert_page_one_is_the_whole_decision(pages, subject, owner=LONG_OWNER)
    assert "4 of 13 conditions shown" in pages[0]
    # The brief bounds what it shows; the review section keeps every character.
    assert pdf_contains(" ".join(pages), subject.departure_justification.strip())
