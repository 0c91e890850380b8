"""Turning a stored version back into the document it was loaded from (dump_questionnaire)."""

from django.db.models import Prefetch

from assessments.models import Domain, Option, Question, QuestionnaireVersion


def questionnaire_document(*, questionnaire: QuestionnaireVersion) -> dict:
    domains = questionnaire.domains.order_by("position").prefetch_related(
        Prefetch(
            "questions",
            queryset=Question.objects.order_by("position").prefetch_related(
                Prefetch("options", queryset=Option.objects.order_by("position"))
            ),
        )
    )
    return {
        "key": questionnaire.key,
        "version": questionnaire.version,
        "title": questionnaire.title,
        "description": questionnaire.description,
        "scoring": questionnaire.scoring_policy,
        "domains": [_domain(domain) for domain in domains],
    }


def _domain(domain: Domain) -> dict:
    return {
        "key": domain.key,
        "title": domain.title,
        "description": domain.description,
        "weight": domain.weight,
        "questions": [_question(question) for question in domain.questions.all()],
    }


def _question(question: Question) -> dict:
    return {
        "key": question.key,
        "text": question.text,
        "help": question.help,
        "required": question.required,
        "allows_na": question.allows_na,
        "weight": question.weight,
        "show_if": question.show_if,
        "options": [_option(option) for option in question.options.all()],
    }


def _option(option: Option) -> dict:
    finding = None
    if option.finding_severity:
        finding = {
            "severity": option.finding_severity,
            "title": option.finding_title,
            "rationale": option.finding_rationale,
        }
    return {
        "key": option.key,
        "label": option.label,
        "score": option.score,
        "unknown": option.is_unknown,
        "finding": finding,
    }
