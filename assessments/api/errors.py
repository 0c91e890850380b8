"""Service errors as API responses."""

from rest_framework import status
from rest_framework.response import Response

from assessments.api.serializers import (
    AnswerSerializer,
)
from assessments.models import Answer
from assessments.questionnaire.structure import (
    questionnaire_structure_by_id,
)
from core.errors import ConflictError, NotAllowed, ServiceError


def service_error_response(exc: ServiceError) -> Response:
    if isinstance(exc, NotAllowed):
        return Response({"detail": exc.message}, status=status.HTTP_403_FORBIDDEN)
    if isinstance(exc, ConflictError):
        body = {"detail": exc.message}
        if isinstance(exc.current, Answer):
            structure = questionnaire_structure_by_id(exc.current.assessment.questionnaire_id)
            body["current"] = AnswerSerializer(exc.current, context={"structure": structure}).data
        return Response(body, status=status.HTTP_409_CONFLICT)
    return Response(exc.field_errors or {"detail": exc.message}, status=status.HTTP_400_BAD_REQUEST)
