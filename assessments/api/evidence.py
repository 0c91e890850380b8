"""REST API of evidence: attach a file or a link to an answer."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from assessments.api.serializers import (
    EvidenceCreateSerializer,
    EvidenceSerializer,
)
from assessments.evidence import TOO_LARGE, evidence_add
from assessments.questionnaire.structure import (
    questionnaire_structure,
)
from assessments.selectors import assessment_get_for_user
from core.permissions import can_attach_evidence


class EvidenceCreate(APIView):
    write_check = staticmethod(can_attach_evidence)
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": EvidenceCreateSerializer},
        responses={201: EvidenceSerializer},
    )
    def post(self, request, pk):
        assessment = assessment_get_for_user(user=request.user, pk=pk)
        data = request.data  # parses the upload; core.uploads stops it past the size limit
        if getattr(request._request, "upload_too_large", False):
            return Response({"file": [TOO_LARGE]}, status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE)
        payload = EvidenceCreateSerializer(data=data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        evidence = evidence_add(
            actor=request.user,
            assessment=assessment,
            question_key=data["question_key"],
            upload=data.get("file"),
            url=data["url"],
            note=data["note"],
        )
        question = questionnaire_structure(assessment.questionnaire).question(data["question_key"])
        keys = {question.id: question.key}
        return Response(
            EvidenceSerializer(evidence, context={"question_keys": keys}).data,
            status=status.HTTP_201_CREATED,
        )
