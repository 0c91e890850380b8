"""REST API of answers: the list, one save (PUT), a partial save (PATCH) and a batch, all or
nothing."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from assessments.answers import (
    AnswerChange,
    AnswerInput,
    answer_patch,
    answer_reviewer_fields_refuse,
    answer_save,
    answer_sheet,
    answers_save_many,
)
from assessments.api.serializers import (
    AnswerBatchSerializer,
    AnswerPatchSerializer,
    AnswerSerializer,
    AnswerWriteSerializer,
    answer_payload,
)
from assessments.models import Answer
from assessments.questionnaire.structure import (
    questionnaire_structure_by_id,
)
from assessments.selectors import assessment_get_for_user
from core.permissions import can_answer


class AnswerList(APIView):
    @extend_schema(responses=AnswerSerializer(many=True))
    def get(self, request, pk):
        assessment = assessment_get_for_user(user=request.user, pk=pk)
        sheet = answer_sheet(assessment=assessment, with_people=True)
        context = {
            "structure": sheet.structure,
            "evidence": {row.answer.pk: row.evidence for row in sheet.rows if row.answer},
        }
        return Response(AnswerSerializer(sheet.answers, many=True, context=context).data)


SAVED_ANSWER_RESPONSES = {
    200: AnswerSerializer,
    201: AnswerSerializer,
    409: OpenApiResponse(description="Stale version: the body holds the current answer."),
}


class AnswerDetail(APIView):
    write_check = staticmethod(can_answer)
    present_conflict = staticmethod(answer_payload)  # a stale save answers with the current copy

    @extend_schema(
        request=AnswerWriteSerializer,
        responses=SAVED_ANSWER_RESPONSES,
    )
    def put(self, request, pk, question_key):
        payload = AnswerWriteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
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
        answer_reviewer_fields_refuse(actor=request.user, assessment_pk=pk, sent=request.data)
        answer = answer_patch(
            actor=request.user,
            assessment_pk=pk,
            question_key=question_key,
            changes=changes,
            expected_version=version,
        )
        return _saved_answer_response(answer, created=answer.version == 1 and version is None)


def _saved_answer_response(answer: Answer, *, created: bool) -> Response:
    return Response(
        answer_payload(answer), status=status.HTTP_201_CREATED if created else status.HTTP_200_OK
    )


class AnswerBatch(APIView):
    """Several answers in one request, all saved or none (assessments/answers/batch.py)."""

    write_check = staticmethod(can_answer)
    present_conflict = staticmethod(answer_payload)

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
        answer_reviewer_fields_refuse(actor=request.user, assessment_pk=pk, sent=sent)
        answers = answers_save_many(actor=request.user, assessment_pk=pk, inputs=inputs)
        structure = questionnaire_structure_by_id(answers[0].assessment.questionnaire_id)
        context = {"structure": structure, "evidence": None}
        return Response(AnswerSerializer(answers, many=True, context=context).data)
