"""Reads of questionnaire versions."""

from assessments.models import QuestionnaireVersion


def questionnaire_newest_published() -> QuestionnaireVersion | None:
    """The version new assessments use unless someone chooses another: the newest published."""
    return (
        QuestionnaireVersion.objects.filter(status=QuestionnaireVersion.Status.PUBLISHED)
        .order_by("-version", "-published_at")
        .first()
    )
