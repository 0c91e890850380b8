import pytest
from django.db import IntegrityError, transaction

from assessments.models import Answer, Evidence, Option
from tests.factories import AssessmentFactory


@pytest.mark.django_db
def test_one_answer_per_question_per_assessment(questionnaire):
    assessment = AssessmentFactory(questionnaire=questionnaire)
    question = questionnaire.questions.first()
    Answer.objects.create(assessment=assessment, question=question)
    with pytest.raises(IntegrityError):
        Answer.objects.create(assessment=assessment, question=question)


@pytest.mark.django_db
def test_an_answer_cannot_be_both_an_option_and_na(questionnaire):
    assessment = AssessmentFactory(questionnaire=questionnaire)
    question = questionnaire.questions.first()
    with pytest.raises(IntegrityError):
        Answer.objects.create(
            assessment=assessment, question=question, option=question.options.first(), is_na=True
        )


@pytest.mark.django_db
def test_unknown_evidence_level_is_refused_by_the_database(questionnaire):
    assessment = AssessmentFactory(questionnaire=questionnaire)
    with pytest.raises(IntegrityError):
        Answer.objects.create(
            assessment=assessment, question=questionnaire.questions.first(), evidence_level="rumour"
        )


@pytest.mark.django_db
def test_option_scores_above_100_are_refused_by_the_database(questionnaire):
    option = Option.objects.filter(question__questionnaire=questionnaire).first()
    option.score = 101
    with pytest.raises(IntegrityError):
        option.save()


@pytest.mark.django_db
def test_evidence_is_either_a_file_or_a_link(questionnaire):
    assessment = AssessmentFactory(questionnaire=questionnaire)
    answer = Answer.objects.create(assessment=assessment, question=questionnaire.questions.first())
    with transaction.atomic(), pytest.raises(IntegrityError):
        Evidence.objects.create(answer=answer)
    with transaction.atomic(), pytest.raises(IntegrityError):
        Evidence.objects.create(answer=answer, url="https://x.example", file="a/b.pdf")
    assert Evidence.objects.create(answer=answer, url="https://x.example/report.pdf").pk
