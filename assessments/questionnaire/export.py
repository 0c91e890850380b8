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
    document = {
        "key": questionnaire.key,
        "version": questionnaire.version,
        "title": questionnaire.title,
        "description": questionnaire.description,
        "scoring": questionnaire.scoring_policy,
        "domains": [_domain(domain) for domain in domains],
    }
    if questionnaire.carries_from:
        document["carries_from"] = questionnaire.carries_from
    if questionnaire.reference_schemes:
        document["reference_schemes"] = questionnaire.reference_schemes
    return document


def _domain(domain: Domain) -> dict:
    return {
        "key": domain.key,
        "title": domain.title,
        "description": domain.description,
        "weight": domain.weight,
        "questions": [_question(question) for question in domain.questions.all()],
    }


def _question(question: Question) -> dict:
    options = list(question.options.all())
    document = {
        "key": question.key,
        "text": question.text,
        "help": question.help,
        "required": question.required,
        "allows_na": question.allows_na,
        "weight": question.weight,
        "show_if": question.show_if,
        "options": [_option(option) for option in options],
    }
    # The fields questionnaire v2 added, written only where used (as the loader normalises them).
    if not question.scored:
        document["scored"] = False
    if question.refines:
        document["refines"] = question.refines
    unknown = next((o for o in options if o.is_unknown and o.finding_severity), None)
    if unknown is not None:
        document["unknown_finding"] = _finding(unknown)
    if question.references:
        document["references"] = question.references
    return document


def _option(option: Option) -> dict:
    # An unknown answer's finding is written beside its question (unknown_finding).
    finding = _finding(option) if option.finding_severity and not option.is_unknown else None
    document = {
        "key": option.key,
        "label": option.label,
        "score": option.score,
        "unknown": option.is_unknown,
        "finding": finding,
    }
    if option.impacts:
        document["impacts"] = option.impacts
    return document


def _finding(option: Option) -> dict:
    return {
        "severity": option.finding_severity,
        "title": option.finding_title,
        "rationale": option.finding_rationale,
    }
