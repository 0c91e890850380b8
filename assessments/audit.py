from django.contrib.auth.models import AbstractBaseUser

from assessments.models import Answer, Assessment, AuditEvent


def actor_label(actor: AbstractBaseUser | None) -> str:
    if actor is None:
        return "system"
    return actor.get_username()


def audit_record(
    *,
    assessment: Assessment,
    actor: AbstractBaseUser | None,
    action: str,
    question_key: str = "",
    old: dict | None = None,
    new: dict | None = None,
    label: str | None = None,
) -> AuditEvent:
    """`label` names an actor who is not a user (an invited vendor contact); else the user's."""
    return AuditEvent.objects.create(
        assessment=assessment,
        actor=actor,
        actor_label=label or actor_label(actor),
        action=action,
        question_key=question_key,
        old=old,
        new=new,
    )


def answer_values(answer: Answer | None, option_key: str | None = None) -> dict | None:
    """The audited view of an answer: what was chosen, said and how well it is backed."""
    if answer is None:
        return None
    return {
        "option": option_key,
        "na": answer.is_na,
        "explanation": answer.explanation,
        "evidence_level": answer.evidence_level,
        "version": answer.version,
    }
