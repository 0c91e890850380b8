"""Autosave: failures are visible and retried, a reload restores unsaved work, and a conflict
shows both versions and lets the person choose."""

from playwright.sync_api import expect

from assessments.answers.services import answer_save
from assessments.lifecycle.services import assessment_create
from assessments.models import Answer
from tests.e2e.conftest import login
from tests.factories import TEST_PASSWORD, OfferingFactory


def _open_form(page, questionnaire, user):
    assessment = assessment_create(
        actor=user, offering=OfferingFactory(), questionnaire=questionnaire
    )
    login(page, user.username, TEST_PASSWORD)
    page.goto(f"/assessments/{assessment.pk}/form/")
    question = questionnaire.questions.filter(show_if__isnull=True).order_by("position").first()
    return assessment, question, page.locator(f"[id='q-{question.key}']")


def test_a_failed_save_is_kept_across_a_reload_and_sent_when_the_server_is_back(
    page, questionnaire, procurement_user
):
    assessment, question, box = _open_form(page, questionnaire, procurement_user)
    page.on("dialog", lambda dialog: dialog.accept())  # "leave page with unsaved changes?"
    page.route("**/api/v1/**", lambda route: route.abort())  # the server is unreachable
    box.locator("input[type=radio]").first.check()
    box.locator("textarea").fill("Typed while the connection was down.")
    expect(box.locator("[data-save-state]")).to_contain_text("Not saved yet", timeout=10_000)
    expect(page.locator("[data-save-summary]")).to_contain_text("not saved")
    assert not Answer.objects.filter(assessment=assessment).exists()

    page.reload()
    expect(box.locator("textarea")).to_have_value("Typed while the connection was down.")
    page.unroute("**/api/v1/**")
    expect(page.locator("[data-save-summary]")).to_have_text("All changes saved.", timeout=20_000)
    answer = Answer.objects.get(assessment=assessment, question=question)
    assert answer.explanation == "Typed while the connection was down."
    assert answer.option_id is not None


def test_a_stale_save_shows_both_versions_and_keeps_the_chosen_one(
    page, questionnaire, procurement_user, admin_user
):
    assessment, question, box = _open_form(page, questionnaire, procurement_user)
    options = list(question.options.order_by("position"))
    # Someone else answers after the page was loaded.
    answer_save(
        actor=admin_user,
        assessment_pk=assessment.pk,
        question_key=question.key,
        option_key=options[1].key,
        explanation="Their careful answer.",
    )
    box.locator(f"input[value='{options[0].key}']").check()
    box.locator("textarea").fill("My answer.")
    conflict = box.locator("[data-conflict]")
    expect(conflict).to_be_visible(timeout=10_000)
    expect(conflict).to_contain_text("Their careful answer.")
    expect(conflict).to_contain_text("My answer.")
    expect(conflict).to_contain_text(admin_user.username)
    assert Answer.objects.get(question=question, assessment=assessment).explanation == (
        "Their careful answer."
    )

    conflict.get_by_role("button", name="Keep mine (replace theirs)").click()
    expect(box.locator("[data-save-state]")).to_have_text("Saved", timeout=10_000)
    answer = Answer.objects.get(question=question, assessment=assessment)
    assert (answer.explanation, answer.option_id, answer.version) == (
        "My answer.",
        options[0].id,
        2,
    )


def test_choosing_theirs_discards_mine_without_saving(
    page, questionnaire, procurement_user, admin_user
):
    assessment, question, box = _open_form(page, questionnaire, procurement_user)
    options = list(question.options.order_by("position"))
    answer_save(
        actor=admin_user,
        assessment_pk=assessment.pk,
        question_key=question.key,
        option_key=options[1].key,
        explanation="Theirs.",
    )
    box.locator(f"input[value='{options[0].key}']").check()
    conflict = box.locator("[data-conflict]")
    expect(conflict).to_be_visible(timeout=10_000)
    conflict.get_by_role("button", name="Use theirs (discard mine)").click()
    expect(box.locator(f"input[value='{options[1].key}']")).to_be_checked()
    expect(box.locator("textarea")).to_have_value("Theirs.")
    answer = Answer.objects.get(question=question, assessment=assessment)
    assert (answer.explanation, answer.version) == ("Theirs.", 1)
