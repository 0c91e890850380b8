import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from assessments.models import Assessment, QuestionnaireVersion
from assessments.services.audit import audit_record
from assessments.services.errors import ServiceError
from vendors.models import Offering

QUESTIONNAIRE_NOT_PUBLISHED = (
    "Only a published questionnaire version can be used for a new assessment."
)


@transaction.atomic
def assessment_create(
    *,
    actor: AbstractBaseUser,
    offering: Offering,
    questionnaire: QuestionnaireVersion,
    due_date: datetime.date | None = None,
) -> Assessment:
    if questionnaire.status != QuestionnaireVersion.Status.PUBLISHED:
        raise ServiceError(
            QUESTIONNAIRE_NOT_PUBLISHED,
            field_errors={"questionnaire": [QUESTIONNAIRE_NOT_PUBLISHED]},
        )
    assessment = Assessment.objects.create(
        offering=offering, questionnaire=questionnaire, requester=actor, due_date=due_date
    )
    audit_record(
        assessment=assessment,
        actor=actor,
        action="assessment.created",
        new={
            "offering": str(offering),
            "questionnaire": f"{questionnaire.key} v{questionnaire.version}",
            "due_date": str(due_date or ""),
        },
    )
    return assessment
