"""REST API of assessments: list, start, read, submit, and the scorecard. Thin views over the same
services as the browser."""

import uuid

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from assessments.api.serializers import (
    AssessmentCreateSerializer,
    AssessmentSerializer,
)
from assessments.lifecycle import assessment_create, assessment_submit
from assessments.models import QuestionnaireVersion
from assessments.questionnaire.selectors import questionnaire_newest_published
from assessments.scoring_adapter import assessment_score
from assessments.selectors import assessment_get_for_user, assessments_visible_to
from core.permissions import can_answer, can_start_assessment
from vendors.models import Offering

OFFERING_NOT_FOUND = "No offering with this id."


BAD_OFFERING_FILTER = "The offering filter must be an offering id."


QUESTIONNAIRE_NOT_FOUND = "No questionnaire version with this id."


class AssessmentListCreate(generics.ListCreateAPIView):
    serializer_class = AssessmentSerializer
    write_check = staticmethod(can_start_assessment)

    def get_queryset(self) -> QuerySet:
        queryset = assessments_visible_to(self.request.user).select_related(
            "offering__vendor", "requester", "reviewer"
        )
        status_filter = self.request.query_params.get("status")
        if status_filter:
            queryset = queryset.filter(status=status_filter)
        offering = self.request.query_params.get("offering")
        if offering:
            try:
                queryset = queryset.filter(offering_id=uuid.UUID(offering))
            except ValueError:
                raise ValidationError({"offering": [BAD_OFFERING_FILTER]}) from None
        return queryset.order_by("-created_at")

    @extend_schema(request=AssessmentCreateSerializer, responses={201: AssessmentSerializer})
    def post(self, request, *args, **kwargs):
        payload = AssessmentCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        offering = Offering.objects.filter(pk=data["offering"]).first()
        if data.get("questionnaire") is None:
            questionnaire = questionnaire_newest_published()
        else:
            questionnaire = QuestionnaireVersion.objects.filter(pk=data["questionnaire"]).first()
        errors = {}
        if offering is None:
            errors["offering"] = [OFFERING_NOT_FOUND]
        if questionnaire is None:
            errors["questionnaire"] = [QUESTIONNAIRE_NOT_FOUND]
        if errors:
            raise ValidationError(errors)
        assessment = assessment_create(
            actor=request.user,
            offering=offering,
            questionnaire=questionnaire,
            due_date=data.get("due_date"),
        )
        return Response(AssessmentSerializer(assessment).data, status=status.HTTP_201_CREATED)


class AssessmentDetail(generics.RetrieveAPIView):
    serializer_class = AssessmentSerializer

    def get_object(self):
        return assessment_get_for_user(user=self.request.user, pk=self.kwargs["pk"])


class AssessmentSubmit(APIView):
    write_check = staticmethod(can_answer)

    @extend_schema(request=None, responses={200: AssessmentSerializer})
    def post(self, request, pk):
        assessment = assessment_get_for_user(user=request.user, pk=pk)
        assessment = assessment_submit(actor=request.user, assessment_pk=assessment.pk)
        return Response(AssessmentSerializer(assessment).data)


def scorecard_payload(card: dict) -> dict:
    """The scorecard as the API promises it: claimed_score / evidenced_score plus the detail."""
    body = {key: value for key, value in card.items() if key not in ("claimed", "evidenced")}
    body["claimed_score"] = card["claimed"]
    body["evidenced_score"] = card["evidenced"]
    return body


class Scorecard(APIView):
    @extend_schema(responses={200: OpenApiResponse(description="The evidence-weighted scorecard.")})
    def get(self, request, pk):
        assessment = assessment_get_for_user(user=request.user, pk=pk)
        return Response(
            scorecard_payload(assessment_score(assessment=assessment).scorecard.to_dict())
        )
