"""REST API for questionnaires and assessments: thin views over the same services as the browser."""

import uuid

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from assessments.api.serializers import (
    AnswerBatchSerializer,
    AnswerPatchSerializer,
    AnswerSerializer,
    AnswerWriteSerializer,
    AssessmentCreateSerializer,
    AssessmentSerializer,
    EvidenceCreateSerializer,
    EvidenceSerializer,
    QuestionnaireDetailSerializer,
    QuestionnaireSerializer,
)
from assessments.evidence_types import TOO_LARGE
from assessments.models import Answer, Evidence, QuestionnaireVersion
from assessments.questionnaire.structure import (
    questionnaire_structure,
    questionnaire_structure_by_id,
)
from assessments.scoring_adapter import assessment_score
from assessments.selectors import assessment_get_for_user, assessments_visible_to
from assessments.services.answer_batch import AnswerInput, BatchRefused, answers_save_many
from assessments.services.answers import (
    AnswerChange,
    answer_patch,
    answer_reviewer_fields_refuse,
    answer_save,
)
from assessments.services.assessments import assessment_create
from assessments.services.errors import ConflictError, NotAllowed, ServiceError
from assessments.services.evidence import evidence_add
from assessments.services.workflow import SubmissionIncomplete, assessment_submit
from core.permissions import can_answer, can_attach_evidence, can_start_assessment
from vendors.models import Offering

OFFERING_NOT_FOUND = "No offering with this id."
BAD_OFFERING_FILTER = "The offering filter must be an offering id."
QUESTIONNAIRE_NOT_FOUND = "No questionnaire version with this id."


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


class QuestionnaireList(generics.ListAPIView):
    serializer_class = QuestionnaireSerializer

    def get_queryset(self) -> QuerySet:
        return QuestionnaireVersion.objects.exclude(status=QuestionnaireVersion.Status.DRAFT)


class QuestionnaireDetail(generics.RetrieveAPIView):
    serializer_class = QuestionnaireDetailSerializer
    queryset = QuestionnaireVersion.objects.exclude(status=QuestionnaireVersion.Status.DRAFT)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if getattr(self, "kwargs", None) and "pk" in self.kwargs:
            context["structure"] = questionnaire_structure(self.get_object())
        return context


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
        questionnaire = QuestionnaireVersion.objects.filter(pk=data["questionnaire"]).first()
        errors = {}
        if offering is None:
            errors["offering"] = [OFFERING_NOT_FOUND]
        if questionnaire is None:
            errors["questionnaire"] = [QUESTIONNAIRE_NOT_FOUND]
        if errors:
            raise ValidationError(errors)
        try:
            assessment = assessment_create(
                actor=request.user,
                offering=offering,
                questionnaire=questionnaire,
                due_date=data.get("due_date"),
            )
        except ServiceError as exc:
            return service_error_response(exc)
        return Response(AssessmentSerializer(assessment).data, status=status.HTTP_201_CREATED)


class AssessmentDetail(generics.RetrieveAPIView):
    serializer_class = AssessmentSerializer

    def get_object(self):
        return assessment_get_for_user(user=self.request.user, pk=self.kwargs["pk"])


def _answers_context(assessment) -> dict:
    evidence: dict[int, list] = {}
    for item in Evidence.objects.filter(answer__assessment=assessment).select_related("answer"):
        evidence.setdefault(item.answer_id, []).append(item)
    return {"structure": questionnaire_structure(assessment.questionnaire), "evidence": evidence}


class AnswerList(APIView):
    @extend_schema(responses=AnswerSerializer(many=True))
    def get(self, request, pk):
        assessment = assessment_get_for_user(user=request.user, pk=pk)
        answers = Answer.objects.filter(assessment=assessment).select_related("updated_by")
        data = AnswerSerializer(answers, many=True, context=_answers_context(assessment)).data
        return Response(data)


SAVED_ANSWER_RESPONSES = {
    200: AnswerSerializer,
    201: AnswerSerializer,
    409: OpenApiResponse(description="Stale version: the body holds the current answer."),
}


class AnswerDetail(APIView):
    write_check = staticmethod(can_answer)

    @extend_schema(
        request=AnswerWriteSerializer,
        responses=SAVED_ANSWER_RESPONSES,
    )
    def put(self, request, pk, question_key):
        payload = AnswerWriteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        try:
            answer_reviewer_fields_refuse(actor=request.user, assessment_pk=pk, sent=request.data)
            answer = answer_save(
                actor=request.user,
                assessment_pk=pk,
                question_key=question_key,
                option_key=data["option"],
                na=data["na"],
                explanation=data["text"],
                evidence_level=data["evidence_level"],
                expected_version=data["version"],
            )
        except ServiceError as exc:
            return service_error_response(exc)
        created = answer.version == 1 and data["version"] is None
        return _saved_answer_response(answer, created=created)

    @extend_schema(
        request=AnswerPatchSerializer,
        responses=SAVED_ANSWER_RESPONSES,
    )
    def patch(self, request, pk, question_key):
        payload = AnswerPatchSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        changes = dict(payload.validated_data)
        version = changes.pop("version")
        try:
            answer_reviewer_fields_refuse(actor=request.user, assessment_pk=pk, sent=request.data)
            answer = answer_patch(
                actor=request.user,
                assessment_pk=pk,
                question_key=question_key,
                changes=changes,
                expected_version=version,
            )
        except ServiceError as exc:
            return service_error_response(exc)
        return _saved_answer_response(answer, created=answer.version == 1 and version is None)


def _saved_answer_response(answer: Answer, *, created: bool) -> Response:
    # The saved answer without its evidence list: autosave needs the new version, not a query
    # over every file of the assessment.
    structure = questionnaire_structure_by_id(answer.assessment.questionnaire_id)
    body = AnswerSerializer(answer, context={"structure": structure, "evidence": None}).data
    return Response(body, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


class AnswerBatch(APIView):
    """Several answers in one request, all saved or none (assessments.services.answer_batch)."""

    write_check = staticmethod(can_answer)

    @extend_schema(
        request=AnswerBatchSerializer,
        responses={
            200: AnswerSerializer(many=True),
            400: OpenApiResponse(description="Nothing saved; `answers` lists each item's errors."),
            409: OpenApiResponse(description="Nothing saved; conflicting items hold `current`."),
        },
    )
    def post(self, request, pk):
        payload = AnswerBatchSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        items = payload.validated_data["answers"]
        sent = {
            name for raw in request.data.get("answers", []) if isinstance(raw, dict) for name in raw
        }
        inputs = [
            AnswerInput(
                item["question_key"],
                AnswerChange(
                    item["option"] or None, item["na"], item["text"], item["evidence_level"]
                ),
                item["version"],
            )
            for item in items
        ]
        try:
            answer_reviewer_fields_refuse(actor=request.user, assessment_pk=pk, sent=sent)
            answers = answers_save_many(actor=request.user, assessment_pk=pk, inputs=inputs)
        except BatchRefused as exc:
            return _batch_refused_response(exc)
        except ServiceError as exc:
            return service_error_response(exc)
        structure = questionnaire_structure_by_id(answers[0].assessment.questionnaire_id)
        context = {"structure": structure, "evidence": None}
        return Response(AnswerSerializer(answers, many=True, context=context).data)


def _batch_refused_response(exc: BatchRefused) -> Response:
    items = [dict(errors) for errors in exc.items]
    for index, current in exc.conflicts.items():
        if isinstance(current, Answer):
            structure = questionnaire_structure_by_id(current.assessment.questionnaire_id)
            context = {"structure": structure}
            items[index]["current"] = AnswerSerializer(current, context=context).data
    code = status.HTTP_409_CONFLICT if exc.conflicts else status.HTTP_400_BAD_REQUEST
    return Response({"detail": exc.message, "answers": items}, status=code)


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
        try:
            evidence = evidence_add(
                actor=request.user,
                assessment=assessment,
                question_key=data["question_key"],
                upload=data.get("file"),
                url=data["url"],
                note=data["note"],
            )
        except ServiceError as exc:
            return service_error_response(exc)
        question = questionnaire_structure(assessment.questionnaire).question(data["question_key"])
        keys = {question.id: question.key}
        return Response(
            EvidenceSerializer(evidence, context={"question_keys": keys}).data,
            status=status.HTTP_201_CREATED,
        )


class AssessmentSubmit(APIView):
    write_check = staticmethod(can_answer)

    @extend_schema(request=None, responses={200: AssessmentSerializer})
    def post(self, request, pk):
        assessment = assessment_get_for_user(user=request.user, pk=pk)
        try:
            assessment = assessment_submit(actor=request.user, assessment_pk=assessment.pk)
        except SubmissionIncomplete as exc:
            return Response(
                {"detail": exc.message, "missing": exc.missing}, status=status.HTTP_400_BAD_REQUEST
            )
        except ServiceError as exc:
            return service_error_response(exc)
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
