"""Saving answers with optimistic locking: nobody's work is overwritten silently."""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import F

from assessments.models import Answer, Assessment, EvidenceLevel, Question
from assessments.models.assessment import MAX_EXPLANATION_LENGTH
from assessments.services.errors import ConflictError, ServiceError

UNKNOWN_QUESTION = "This questionnaire has no question with this key."
UNKNOWN_OPTION = "This option does not belong to the question."
NA_NOT_ALLOWED = "This question cannot be answered with N/A."
OPTION_AND_NA = "Choose an option or N/A, not both."
EXPLANATION_TOO_LONG = f"The explanation is longer than {MAX_EXPLANATION_LENGTH:,} characters."
UNKNOWN_EVIDENCE_LEVEL = "Unknown evidence level; use claim, documented, attested or verified."
STALE_VERSION = "Someone else saved this answer after you loaded it."
VERSION_REQUIRED = "This answer already exists; send the version you are editing."


def _validate(
    question: Question, option_key: str | None, na: bool, explanation: str, evidence_level: str
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if option_key and na:
        errors["option"] = [OPTION_AND_NA]
    elif option_key and option_key not in {o.key for o in question.options.all()}:
        errors["option"] = [UNKNOWN_OPTION]
    if na and not question.allows_na:
        errors["na"] = [NA_NOT_ALLOWED]
    if len(explanation) > MAX_EXPLANATION_LENGTH:
        errors["text"] = [EXPLANATION_TOO_LONG]
    if evidence_level not in EvidenceLevel.values:
        errors["evidence_level"] = [UNKNOWN_EVIDENCE_LEVEL]
    return errors


@transaction.atomic
def answer_save(
    *,
    actor: AbstractBaseUser | None,
    assessment: Assessment,
    question_key: str,
    option_key: str | None = None,
    na: bool = False,
    explanation: str = "",
    evidence_level: str = EvidenceLevel.CLAIM,
    expected_version: int | None = None,
) -> Answer:
    question = (
        Question.objects.filter(questionnaire_id=assessment.questionnaire_id, key=question_key)
        .prefetch_related("options")
        .first()
    )
    if question is None:
        raise ServiceError(UNKNOWN_QUESTION, field_errors={"question_key": [UNKNOWN_QUESTION]})
    errors = _validate(question, option_key, na, explanation, evidence_level)
    if errors:
        raise ServiceError("The answer was not saved.", field_errors=errors)
    option = next((o for o in question.options.all() if o.key == option_key), None)
    values = {
        "option": option,
        "is_na": na,
        "explanation": explanation,
        "evidence_level": evidence_level,
        "updated_by": actor,
    }

    existing = (
        Answer.objects.select_for_update().filter(assessment=assessment, question=question).first()
    )
    if existing is None:
        return Answer.objects.create(assessment=assessment, question=question, **values)
    if expected_version is None:
        raise ConflictError(VERSION_REQUIRED, current=existing)
    if existing.version != expected_version:
        raise ConflictError(STALE_VERSION, current=existing)
    for name, value in values.items():
        setattr(existing, name, value)
    existing.version = F("version") + 1
    existing.save()
    existing.refresh_from_db()
    return existing
