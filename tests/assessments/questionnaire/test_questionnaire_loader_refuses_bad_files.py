"""Every bad questionnaire file is refused with a message that points at the mistake, and nothing
is imported."""

import pytest
from django.core.management import CommandError, call_command

from assessments.models import Domain, Option, Question, QuestionnaireVersion
from tests.support.questionnaires import small_document, write_document


def _load(tmp_path, document) -> str:
    path = write_document(tmp_path, document)
    with pytest.raises(CommandError) as excinfo:
        call_command("load_questionnaire", str(path))
    return str(excinfo.value)


def _counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (QuestionnaireVersion, Domain, Question, Option))


@pytest.fixture(autouse=True)
def _baseline(db):
    """Row counts before the test (the real questionnaire is preloaded for the session)."""
    global BASELINE
    BASELINE = _counts()


BASELINE: tuple[int, ...] = ()


def _assert_nothing_imported():
    assert not QuestionnaireVersion.objects.filter(key="mini").exists()
    assert _counts() == BASELINE


def _question(doc, domain=0, index=0):
    return doc["domains"][domain]["questions"][index]


@pytest.mark.django_db
def test_duplicate_question_key_is_refused(tmp_path):
    doc = small_document()
    _question(doc, 1, 0)["key"] = "alpha.one"
    message = _load(tmp_path, doc)
    assert message == "mini.yaml: question 'alpha.one': duplicate question key 'alpha.one'"
    _assert_nothing_imported()


@pytest.mark.django_db
def test_duplicate_domain_key_is_refused(tmp_path):
    doc = small_document()
    doc["domains"][1]["key"] = "alpha"
    assert _load(tmp_path, doc) == "mini.yaml: domain 'alpha': duplicate domain key 'alpha'"
    _assert_nothing_imported()


@pytest.mark.django_db
def test_duplicate_option_key_is_refused(tmp_path):
    doc = small_document()
    _question(doc)["options"][1]["key"] = "good"
    assert _load(tmp_path, doc) == (
        "mini.yaml: question 'alpha.one', option 'good': duplicate option key 'good'"
    )
    _assert_nothing_imported()


@pytest.mark.django_db
def test_show_if_pointing_at_an_unknown_question_is_refused(tmp_path):
    doc = small_document()
    _question(doc, 0, 1)["show_if"]["question"] = "alpha.nope"
    assert _load(tmp_path, doc) == (
        "mini.yaml: question 'alpha.follow'.show_if: refers to unknown question 'alpha.nope' "
        "(it must be defined earlier in the file)"
    )
    _assert_nothing_imported()


@pytest.mark.django_db
def test_show_if_pointing_at_a_later_question_is_refused(tmp_path):
    doc = small_document()
    _question(doc, 0, 1)["show_if"] = {"question": "beta.one", "any_of": ["bad"]}
    assert "refers to unknown question 'beta.one'" in _load(tmp_path, doc)
    _assert_nothing_imported()


@pytest.mark.django_db
def test_show_if_pointing_at_an_unknown_option_is_refused(tmp_path):
    doc = small_document()
    _question(doc, 0, 1)["show_if"]["any_of"] = ["bad", "terrible"]
    assert _load(tmp_path, doc) == (
        "mini.yaml: question 'alpha.follow'.show_if.any_of: question 'alpha.one' has no option "
        "'terrible'"
    )
    _assert_nothing_imported()


@pytest.mark.django_db
@pytest.mark.parametrize("score", [101, -1])
def test_score_outside_0_to_100_is_refused(tmp_path, score):
    doc = small_document()
    _question(doc)["options"][1]["score"] = score
    assert _load(tmp_path, doc) == (
        f"mini.yaml: question 'alpha.one', option 'meh'.score: score {score} is outside 0-100"
    )
    _assert_nothing_imported()


@pytest.mark.django_db
def test_fractional_score_is_refused(tmp_path):
    doc = small_document()
    _question(doc)["options"][1]["score"] = 50.5
    assert "score must be a whole number from 0 to 100, got 50.5" in _load(tmp_path, doc)
    _assert_nothing_imported()


@pytest.mark.django_db
def test_missing_field_is_refused(tmp_path):
    doc = small_document()
    del _question(doc, 1, 0)["text"]
    assert _load(tmp_path, doc) == "mini.yaml: domain 'beta'.questions[0]: missing field 'text'"
    _assert_nothing_imported()


@pytest.mark.django_db
def test_unknown_severity_is_refused(tmp_path):
    doc = small_document()
    _question(doc)["options"][2]["finding"]["severity"] = "catastrophic"
    assert _load(tmp_path, doc) == (
        "mini.yaml: question 'alpha.one', option 'bad'.finding.severity: unknown severity "
        "'catastrophic'; use one of critical, high, medium, low"
    )
    _assert_nothing_imported()


@pytest.mark.django_db
def test_unknown_field_is_refused(tmp_path):
    doc = small_document()
    _question(doc)["colour"] = "red"
    assert _load(tmp_path, doc) == "mini.yaml: domain 'alpha'.questions[0]: unknown field 'colour'"
    _assert_nothing_imported()


@pytest.mark.django_db
def test_question_without_an_unknown_option_is_refused(tmp_path):
    doc = small_document()
    _question(doc)["options"][3]["unknown"] = False
    assert _load(tmp_path, doc) == (
        "mini.yaml: question 'alpha.one'.options: needs exactly one option with 'unknown: true', "
        "found 0"
    )
    _assert_nothing_imported()


@pytest.mark.django_db
def test_too_few_options_are_refused(tmp_path):
    doc = small_document()
    _question(doc)["options"] = _question(doc)["options"][:2]
    assert "needs 3 to 5 options, found 2" in _load(tmp_path, doc)
    _assert_nothing_imported()


@pytest.mark.django_db
def test_decreasing_evidence_factors_are_refused(tmp_path):
    doc = small_document()
    doc["scoring"]["evidence_factors"]["verified"] = 0.5
    assert _load(tmp_path, doc) == (
        "mini.yaml: scoring.evidence_factors.verified: factors must not decrease from claim to "
        "verified"
    )
    _assert_nothing_imported()


@pytest.mark.django_db
def test_invalid_yaml_names_the_line(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("key: mini\nversion: 1\ntitle: [unclosed\n")
    with pytest.raises(CommandError) as excinfo:
        call_command("load_questionnaire", str(path))
    assert str(excinfo.value).startswith("broken.yaml: line 4, column 1: invalid YAML")
    _assert_nothing_imported()


@pytest.mark.django_db
def test_missing_file_is_reported(tmp_path):
    with pytest.raises(CommandError, match="cannot be read"):
        call_command("load_questionnaire", str(tmp_path / "absent.yaml"))
    _assert_nothing_imported()


@pytest.mark.django_db(transaction=True)
def test_a_failure_while_writing_rows_leaves_nothing_behind(tmp_path, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Option.objects, "bulk_create", explode)
    path = write_document(tmp_path, small_document())
    with pytest.raises(RuntimeError):
        call_command("load_questionnaire", str(path))
    _assert_nothing_imported()


@pytest.mark.django_db
def test_a_question_key_the_api_routes_reserve_is_refused(tmp_path):
    doc = small_document()
    _question(doc)["key"] = "batch"
    message = _load(tmp_path, doc)
    assert message.endswith(".key: the question key 'batch' is reserved"), message
    _assert_nothing_imported()
