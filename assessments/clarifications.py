"""Open clarification requests, in words: the architect's message once, with the questions it asks
about by their text (never an internal key) and a link to each answer. The answer form, the
scorecard and procurement's dashboard read them from here."""

from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser

from assessments.models import Assessment, Comment
from assessments.questionnaire.structure import questionnaire_structure_by_id
from assessments.selectors import assessments_visible_to

DASHBOARD_LIMIT = 50


@dataclass
class ClarificationRequest:
    """One message from the architect and the answers it asks about."""

    assessment: Assessment
    message: str
    author: str
    asked_at: object
    questions: list[tuple[str, str]] = field(default_factory=list)
    """(question key, question text), in the order they were asked."""


def _grouped(comments, assessments: dict) -> list[ClarificationRequest]:
    groups: dict[tuple, ClarificationRequest] = {}
    for c in comments:
        assessment = assessments[c.assessment_id]
        structure = questionnaire_structure_by_id(assessment.questionnaire_id)
        node = structure.question(c.question_key)
        key = (c.assessment_id, c.body, c.author_id)
        group = groups.get(key)
        if group is None:
            author = c.author.get_username() if c.author else "The architect"
            group = groups[key] = ClarificationRequest(assessment, c.body, author, c.created_at)
        group.questions.append((c.question_key, node.text if node else c.question_key))
    return list(groups.values())


def _open(queryset):
    return (
        queryset.filter(kind=Comment.Kind.CLARIFICATION, resolved_at__isnull=True)
        .select_related("author")
        .order_by("created_at", "id")
    )


def clarification_requests(*, assessment: Assessment) -> list[ClarificationRequest]:
    """The open requests on one assessment (the caller has checked access)."""
    return _grouped(_open(assessment.comments.all()), {assessment.pk: assessment})


def clarifications_for_requester(*, user: AbstractBaseUser) -> list[ClarificationRequest]:
    """Open requests on the assessments this user requested that wait for their answers."""
    assessments = {
        a.pk: a
        for a in assessments_visible_to(user)
        .filter(requester=user, status=Assessment.Status.CHANGES_REQUESTED)
        .select_related("offering__vendor")[:DASHBOARD_LIMIT]
    }
    if not assessments:
        return []
    comments = _open(Comment.objects.filter(assessment_id__in=list(assessments)))
    return _grouped(comments, assessments)
