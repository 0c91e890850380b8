"""The shipped questionnaire meets the bar the product promises."""

from collections import Counter

import pytest
import yaml

from assessments.models import Option, Question
from assessments.questionnaire.schema import validate_document
from tests.support.questionnaires import REAL_QUESTIONNAIRE

NINE_DOMAINS = [
    "integration",
    "control_plane",
    "data_residency",
    "lock_in",
    "update_channel",
    "key_isolation",
    "identity",
    "transparency",
    "incident_readiness",
]


def test_real_questionnaire_has_nine_domains_54_questions_and_a_red_flag_in_each():
    doc = validate_document(yaml.safe_load(REAL_QUESTIONNAIRE.read_text()), "sbd-v1.yaml")
    assert [d["key"] for d in doc["domains"]] == NINE_DOMAINS
    per_domain = {d["key"]: len(d["questions"]) for d in doc["domains"]}
    assert all(count >= 6 for count in per_domain.values()), per_domain
    assert sum(per_domain.values()) >= 54
    for domain in doc["domains"]:
        flags = [o for q in domain["questions"] for o in q["options"] if o["finding"]]
        assert flags, f"domain {domain['key']} has no red flag"
    follow_ups = [q for d in doc["domains"] for q in d["questions"] if q["show_if"]]
    assert len(follow_ups) >= 5
    for question in (q for d in doc["domains"] for q in d["questions"]):
        assert 3 <= len(question["options"]) <= 5
        assert question["help"], f"{question['key']} has no help text"


@pytest.mark.django_db
def test_real_questionnaire_loads_into_the_database(questionnaire):
    assert questionnaire.domains.count() == 9
    assert Question.objects.filter(questionnaire=questionnaire).count() >= 54
    severities = Counter(
        Option.objects.filter(question__questionnaire=questionnaire)
        .exclude(finding_severity="")
        .values_list("finding_severity", flat=True)
    )
    assert severities["critical"] >= 1 and severities["high"] >= 1
