"""Every page reads an assessment's answers through one answer sheet (assessments.answers.sheet):
the form, the vendor's portal, the review, the report and the scorecard agree on which follow-ups
show_if hides — a page that decided it its own way would disagree here."""

import pytest

from assessments.answers.services import answer_save
from assessments.answers.sheet import answer_sheet
from assessments.models import Assessment
from reports.context import report_context
from tests.assessments.invitations.conftest import (  # noqa: F401  (fixtures)
    invite,
    vendor,
)

pytestmark = pytest.mark.django_db

CONTROLLER = "key_isolation.key_location"
FOLLOW_UP = "key_isolation.non_hsm_storage"  # shown unless the keys are in an HSM


def _save(actor, assessment, key, option):
    current = answer_sheet(assessment=assessment).by_key[key].answer
    answer_save(
        actor=actor,
        assessment_pk=assessment.pk,
        question_key=key,
        option_key=option,
        expected_version=current.version if current else None,
    )


def _what_each_page_shows(assessment, client, vendor) -> dict[str, bool]:  # noqa: F811
    """Whether the follow-up shows, page by page."""

    def shown_in(domains) -> bool:
        views = {q.key: q for d in domains for q in d.questions}
        return not views[FOLLOW_UP].hidden

    assessment = Assessment.objects.select_related("offering__vendor", "questionnaire").get(
        pk=assessment.pk
    )
    form = client.get(f"/assessments/{assessment.pk}/form/").context["domains"]
    portal = vendor.get(f"/vendor/assessments/{assessment.pk}/").context["domains"]
    review = client.get(f"/assessments/{assessment.pk}/review/").context["all_rows"]
    appendix = report_context(assessment=assessment)["appendix"]
    trace = {row.key: row.status for row in answer_sheet(assessment=assessment).scorecard.trace}
    return {
        "form": shown_in(form),
        "portal": shown_in(portal),
        "review": any(r.question.key == FOLLOW_UP for r in review),
        "report": any(r.key == FOLLOW_UP for d in appendix for r in d["rows"]),
        "scorecard": trace[FOLLOW_UP] != "hidden",
    }


@pytest.mark.parametrize(("location", "shown"), [("separate_process", True), ("hsm", False)])
def test_form_portal_review_report_and_scorecard_agree_on_a_follow_up(
    location,
    shown,
    assessment,
    procurement_user,
    client,
    vendor,  # noqa: F811
):
    _save(procurement_user, assessment, CONTROLLER, "separate_process")
    _save(procurement_user, assessment, FOLLOW_UP, "wrapped_kms")
    _save(procurement_user, assessment, CONTROLLER, location)
    client.force_login(procurement_user)
    pages = _what_each_page_shows(assessment, client, vendor)
    assert pages == dict.fromkeys(pages, shown)
    # Hidden or not, the follow-up's answer is kept: choosing the other option brings it back.
    assert answer_sheet(assessment=assessment).by_key[FOLLOW_UP].answer.option.key == "wrapped_kms"
