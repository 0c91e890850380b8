"""The scorecard's "Open questions" names each question in words, linked to it on the form."""

import pytest

from assessments.answers.services import answer_save
from assessments.questionnaire.structure import questionnaire_structure
from tests.assessments.helpers import answer_all
from tests.support.bidi import without_isolates

pytestmark = pytest.mark.django_db


def _unknown_option(question):
    return next(o for o in question.options if o.is_unknown)


def test_unknown_and_unanswered_questions_are_listed_by_their_text(
    client, assessment, procurement_user, viewer_user
):
    structure = questionnaire_structure(assessment.questionnaire)
    with_unknown = next(q for q in structure.questions if any(o.is_unknown for o in q.options))
    required = [q for q in structure.questions if q.required and q.key != with_unknown.key]
    left_out = required[-1]
    answer_all(assessment, procurement_user, skip={with_unknown.key, left_out.key})
    answer_save(
        actor=procurement_user,
        assessment_pk=assessment.pk,
        question_key=with_unknown.key,
        option_key=_unknown_option(with_unknown).key,
        evidence_level="claim",
    )
    client.force_login(viewer_user)
    page = without_isolates(client.get(f"/assessments/{assessment.pk}/").content.decode())
    section = page[page.index("Open questions") :]
    section = section[: section.index("Why the numbers")]
    for question in (with_unknown, left_out):
        assert f'#q-{question.key}">{question.text}</a>' in section.replace("&#x27;", "'")
        assert f">{question.key}<" not in section
    assert "Required and unanswered: 1" in section
    assert 'Answered "unknown": 1' in section


def test_nothing_open_says_none(client, assessment, procurement_user, viewer_user):
    answer_all(assessment, procurement_user)
    client.force_login(viewer_user)
    page = without_isolates(client.get(f"/assessments/{assessment.pk}/").content.decode())
    section = page[page.index("Open questions") : page.index("Why the numbers")]
    assert "None." in section
