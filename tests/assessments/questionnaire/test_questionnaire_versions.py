"""Loading is idempotent by content; published versions never change; dump round-trips."""

import io

import pytest
import yaml
from django.core.management import CommandError, call_command

from assessments.models import Assessment, Option, Question, QuestionnaireVersion
from assessments.questionnaire.loader import questionnaire_load_file
from tests.factories import AssessmentFactory
from tests.support.questionnaires import small_document, write_document


@pytest.mark.django_db
def test_loading_creates_a_published_version_with_all_rows(tmp_path):
    out = io.StringIO()
    call_command("load_questionnaire", str(write_document(tmp_path, small_document())), stdout=out)
    version = QuestionnaireVersion.objects.get(key="mini", version=1)
    assert version.status == QuestionnaireVersion.Status.PUBLISHED
    assert version.published_at is not None
    assert [d.key for d in version.domains.order_by("position")] == ["alpha", "beta"]
    follow = Question.objects.get(questionnaire=version, key="alpha.follow")
    assert follow.show_if == {"question": "alpha.one", "any_of": ["bad"]}
    assert follow.required is False
    bad = Option.objects.get(question__key="alpha.one", key="bad")
    assert (bad.finding_severity, bad.finding_title) == ("critical", "Bad design")
    assert len(version.content_sha256) == 64
    assert "Loaded mini v1 (published): 2 domains, 3 questions." in out.getvalue()


@pytest.mark.django_db
def test_loading_identical_content_again_is_a_no_op(tmp_path):
    path = write_document(tmp_path, small_document())
    first = questionnaire_load_file(path=path)
    second = questionnaire_load_file(path=path)
    assert second.created is False
    assert second.questionnaire.pk == first.questionnaire.pk
    assert QuestionnaireVersion.objects.filter(key="mini").count() == 1
    assert Question.objects.filter(questionnaire__key="mini").count() == 3
    assert "identical content; nothing changed" in second.message


@pytest.mark.django_db
def test_changed_content_for_a_published_version_is_refused(tmp_path):
    questionnaire_load_file(path=write_document(tmp_path, small_document()))
    changed = small_document()
    changed["domains"][0]["questions"][0]["text"] = "First, reworded?"
    with pytest.raises(CommandError) as excinfo:
        call_command("load_questionnaire", str(write_document(tmp_path, changed, "v1b.yaml")))
    assert str(excinfo.value) == (
        "v1b.yaml: version: mini v1 is published and can never change; give the changed content a "
        "new version number"
    )
    assert Question.objects.get(key="alpha.one").text == "First?"


@pytest.mark.django_db
def test_changed_content_with_a_new_version_number_is_a_new_version(tmp_path):
    questionnaire_load_file(path=write_document(tmp_path, small_document()))
    changed = small_document(version=2)
    changed["domains"][0]["questions"][0]["text"] = "First, reworded?"
    questionnaire_load_file(path=write_document(tmp_path, changed, "v2.yaml"))
    texts = dict(
        Question.objects.filter(key="alpha.one").values_list("questionnaire__version", "text")
    )
    assert texts == {1: "First?", 2: "First, reworded?"}


@pytest.mark.django_db
def test_a_draft_can_be_replaced_until_it_is_used(tmp_path):
    questionnaire_load_file(path=write_document(tmp_path, small_document()), publish=False)
    changed = small_document()
    changed["title"] = "Mini, renamed"
    result = questionnaire_load_file(
        path=write_document(tmp_path, changed, "b.yaml"), publish=False
    )
    assert result.created and result.questionnaire.title == "Mini, renamed"
    assert QuestionnaireVersion.objects.filter(key="mini").count() == 1


@pytest.mark.django_db
def test_a_used_draft_cannot_be_replaced(tmp_path):
    draft = questionnaire_load_file(path=write_document(tmp_path, small_document()), publish=False)
    AssessmentFactory(questionnaire=draft.questionnaire)
    changed = small_document()
    changed["title"] = "Mini, renamed"
    with pytest.raises(CommandError, match="already has assessments"):
        call_command("load_questionnaire", str(write_document(tmp_path, changed, "b.yaml")))
    assert Assessment.objects.count() == 1


@pytest.mark.django_db
def test_dump_writes_a_file_that_loads_back_as_the_same_version(tmp_path):
    original = questionnaire_load_file(
        path=write_document(tmp_path, small_document())
    ).questionnaire
    dumped = tmp_path / "dump.yaml"
    call_command("dump_questionnaire", "mini", "1", "-o", str(dumped))
    assert yaml.safe_load(dumped.read_text())["domains"][0]["questions"][1]["show_if"] == {
        "question": "alpha.one",
        "any_of": ["bad"],
    }
    again = questionnaire_load_file(path=dumped)
    assert again.created is False
    assert again.questionnaire.content_sha256 == original.content_sha256


@pytest.mark.django_db
def test_dump_of_an_unknown_version_says_so():
    with pytest.raises(CommandError, match=r"No questionnaire mini v9 is loaded\."):
        call_command("dump_questionnaire", "mini", "9")
