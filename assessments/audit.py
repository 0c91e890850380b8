"""Who did what: the author of a change, and the audit event every service writes with it.

Audit events are written in the same transaction as the change they record, and never changed
afterwards (the model and the database both refuse it; README, "Audit trail").
"""

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser

from assessments.models import Answer, Assessment, AuditAction, AuditEvent
from core.permissions import can_review
from core.tokens import actor_label
from vendors.models import Contact

SYSTEM = "system"


@dataclass(frozen=True)
class Author:
    """Who makes a change: a signed-in user; an invited vendor contact (everything they write is
    their claim, attributed to them); or nobody in particular, named by `anonymous_as` (a task,
    someone holding an invitation link they have not confirmed)."""

    user: AbstractBaseUser | None = None
    contact: Contact | None = None
    anonymous_as: str = SYSTEM

    @classmethod
    def vendor(cls, contact: Contact) -> "Author":
        return cls(contact=contact)

    @property
    def label(self) -> str:
        """How the audit trail names them; kept as text so it reads right after renames."""
        if self.contact is not None:
            return f"vendor: {self.contact.name} <{self.contact.email}>"[:200]
        if self.user is not None:
            return actor_label(self.user)
        return self.anonymous_as

    def can_review(self) -> bool:
        # Asked only when a reviewer's evidence level is in play: for a user whose roles are not
        # preloaded it costs a query.
        return self.user is not None and can_review(self.user)


def author_of(actor: AbstractBaseUser | Author | None) -> Author:
    """A signed-in user (or None, the system) as an Author; an Author as it is."""
    return actor if isinstance(actor, Author) else Author(user=actor)


def audit_record(
    *,
    assessment: Assessment,
    actor: AbstractBaseUser | Author | None,
    action: AuditAction,
    question_key: str = "",
    old: dict | None = None,
    new: dict | None = None,
) -> AuditEvent:
    """`actor` is the acting user, None for the system, or an Author for anyone else."""
    author = author_of(actor)
    return AuditEvent.objects.create(
        assessment=assessment,
        actor=author.user,
        actor_label=author.label,
        action=action,
        question_key=question_key,
        old=old,
        new=new,
    )


def answer_values(answer: Answer | None, option_key: str | None = None) -> dict | None:
    """The audited view of an answer: what was chosen, said (the buyer's notes and the vendor's
    explanation, each its own) and how well it is backed."""
    if answer is None:
        return None
    return {
        "option": option_key,
        "na": answer.is_na,
        "explanation": answer.explanation,
        "vendor_explanation": answer.vendor_explanation,
        "evidence_level": answer.evidence_level,
        "version": answer.version,
    }
