"""The shipped CAIQ mapping fits the questionnaire it names: every question and option exists,
N/A only where allowed, every CAIQ id belongs to a CCM v4 control the questionnaire knows, and
the file holds ids and our own words only."""

from pathlib import Path

import pytest
import yaml

from assessments.questionnaire.structure import questionnaire_structure
from interchange.answers_import.mapping import (
    MAPPINGS_DIR,
    MappingInvalid,
    mapping_check,
    mapping_parse,
    shipped_mappings,
)

pytestmark = pytest.mark.django_db
QUESTIONNAIRES = Path(__file__).resolve().parents[2] / "assessments" / "questionnaires"


def test_the_caiq_mapping_fits_questionnaire_version_3(questionnaire_v3):
    (mapping,) = shipped_mappings()
    assert mapping.fits("sbd", 3)
    mapping_check(mapping, questionnaire_structure(questionnaire_v3))
    document = yaml.safe_load((QUESTIONNAIRES / "sbd-v3.yaml").read_text())
    ccm = next(s for s in document["reference_schemes"] if s["key"] == "csa_ccm_v4")["items"]
    sources = {s for link in mapping.links for s in link.sources}
    assert {s.split(".")[0] for s in sources} <= set(ccm)
    assert sum(1 for link in mapping.links if link.suggests) >= 15
    assert any(link.exact for link in mapping.links)


def test_a_wrong_option_is_refused_naming_the_link(questionnaire_v3):
    document = yaml.safe_load((MAPPINGS_DIR / "caiq-v4.0.yaml").read_text())
    document["links"][0]["when_yes"] = "no_such_option"
    with pytest.raises(MappingInvalid, match=r"link 1 .*no_such_option"):
        mapping_check(
            mapping_parse(document, key="caiq"), questionnaire_structure(questionnaire_v3)
        )


def test_an_unquoted_yes_under_exact_is_refused():
    document = {
        "links": [{"question": "a.b", "sources": ["A&A-01.1"], "when_no": "x", "exact": [False]}]
    }
    with pytest.raises(MappingInvalid, match="in quotes"):
        mapping_parse(document, key="caiq")


def test_the_mapping_file_holds_no_question_text_of_csa():
    text = (MAPPINGS_DIR / "caiq-v4.0.yaml").read_text()
    # CAIQ questions begin like this; our links carry only ids and our own "why".
    assert "Are policies" not in text and "Are processes" not in text
