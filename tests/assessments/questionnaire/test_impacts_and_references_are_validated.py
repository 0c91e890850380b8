"""The loader's rules for impacts and criteria references (FORMAT.md): each bad file is refused
with a message naming the place and the problem, and nothing is imported."""

import pytest
from django.core.management import CommandError, call_command

from assessments.models import QuestionnaireVersion
from tests.support.questionnaires import small_document, write_document

pytestmark = pytest.mark.django_db

SCHEMES = [
    {"key": "nist_ssdf", "label": "SSDF", "title": "NIST SSDF", "items": ["PW.4.1", "RV.1.1"]}
]
IMPACT = {"quality": "cost", "horizon": "long_term", "reason": "We pay for it every year."}


def _option(doc, key, question=0):
    return next(o for o in doc["domains"][0]["questions"][question]["options"] if o["key"] == key)


def _refused(tmp_path, document) -> str:
    with pytest.raises(CommandError) as excinfo:
        call_command("load_questionnaire", str(write_document(tmp_path, document)))
    assert not QuestionnaireVersion.objects.filter(key="mini").exists()
    return str(excinfo.value)


def _with_impacts_everywhere_needed(doc):
    """Impacts on every option that raises a finding, is unknown, or scores below 50."""
    for domain in doc["domains"]:
        for question in domain["questions"]:
            for option in question["options"]:
                if option.get("finding") or option.get("unknown") or option["score"] < 50:
                    option["impacts"] = [dict(IMPACT)]
    return doc


def test_a_complete_file_loads_and_normalises_a_single_horizon_to_a_list(tmp_path):
    doc = _with_impacts_everywhere_needed(small_document())
    doc["scoring"] = {**doc["scoring"], "impacts": "required"}
    doc["reference_schemes"] = SCHEMES
    doc["domains"][0]["questions"][0]["references"] = [{"scheme": "nist_ssdf", "id": "PW.4.1"}]
    _option(doc, "bad")["impacts"] = [
        {"quality": "security", "horizon": ["long_term", "go_live"], "reason": "Both."}
    ]
    call_command("load_questionnaire", str(write_document(tmp_path, doc)))
    version = QuestionnaireVersion.objects.get(key="mini")
    option = version.questions.get(key="alpha.one").options.get(key="bad")
    assert option.impacts == [
        {"quality": "security", "horizon": ["go_live", "long_term"], "reason": "Both."}
    ]
    meh = version.questions.get(key="alpha.one").options.get(key="unknown")
    assert meh.impacts == [
        {"quality": "cost", "horizon": ["long_term"], "reason": IMPACT["reason"]}
    ]
    assert version.reference_schemes == SCHEMES
    assert version.questions.get(key="alpha.one").references == [
        {"scheme": "nist_ssdf", "id": "PW.4.1"}
    ]


@pytest.mark.parametrize(
    ("impact", "message"),
    [
        ({**IMPACT, "quality": "beauty"}, "unknown quality 'beauty'; use one of security,"),
        ({**IMPACT, "horizon": "someday"}, "must be go_live or long_term, or a list of both"),
        ({**IMPACT, "horizon": []}, "must be go_live or long_term"),
        ({**IMPACT, "reason": "one\nand two"}, "must be one line"),
        ({**IMPACT, "reason": ""}, "must not be empty"),
        ({"quality": "cost", "horizon": "go_live"}, "missing field 'reason'"),
    ],
)
def test_a_bad_impact_is_refused_by_name(tmp_path, impact, message):
    doc = small_document()
    _option(doc, "bad")["impacts"] = [impact]
    error = _refused(tmp_path, doc)
    assert "question 'alpha.one', option 'bad'" in error and message in error


def test_a_quality_named_twice_is_refused(tmp_path):
    doc = small_document()
    _option(doc, "bad")["impacts"] = [IMPACT, {**IMPACT, "horizon": "go_live"}]
    assert "cost is named twice" in _refused(tmp_path, doc)


def test_under_impacts_required_a_red_flag_without_impacts_is_named(tmp_path):
    doc = _with_impacts_everywhere_needed(small_document())
    doc["scoring"] = {**doc["scoring"], "impacts": "required"}
    del _option(doc, "bad")["impacts"]
    error = _refused(tmp_path, doc)
    assert "question 'alpha.one', option 'bad'" in error
    assert "raises a finding, so under 'impacts: required' it needs impacts" in error


@pytest.mark.parametrize(
    ("references", "schemes", "message"),
    [
        ([{"scheme": "nist_ssdf", "id": "PW.4.1"}], None, "the file lists no reference_schemes"),
        ([{"scheme": "iso", "id": "A.5.1"}], SCHEMES, "unknown scheme 'iso'"),
        ([{"scheme": "nist_ssdf", "id": "PW.9.9"}], SCHEMES, "nist_ssdf has no id 'PW.9.9'"),
        (
            [{"scheme": "nist_ssdf", "id": "RV.1.1"}, {"scheme": "nist_ssdf", "id": "RV.1.1"}],
            SCHEMES,
            "nist_ssdf RV.1.1 is cited twice",
        ),
    ],
)
def test_a_bad_reference_is_refused_by_name(tmp_path, references, schemes, message):
    doc = small_document()
    if schemes:
        doc["reference_schemes"] = schemes
    doc["domains"][0]["questions"][0]["references"] = references
    error = _refused(tmp_path, doc)
    assert "question 'alpha.one'.references" in error and message in error


def test_a_scheme_listing_an_id_twice_is_refused(tmp_path):
    doc = small_document()
    doc["reference_schemes"] = [
        {"key": "nist_ssdf", "label": "SSDF", "title": "SSDF", "items": ["A", "A"]}
    ]
    assert "reference scheme 'nist_ssdf'.items" in _refused(tmp_path, doc)
