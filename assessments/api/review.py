"""REST API of the architect's review: the same services as the review page."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from assessments import review as services
from assessments.api.serializers import AnswerSerializer, AssessmentSerializer, answer_payload
from assessments.lifecycle import assessment_reassess
from assessments.models import AuditEvent, Comment, Condition, EvidenceLevel
from assessments.selectors import assessment_get_for_user
from assessments.workflow import DECISIONS
from core.permissions import can_comment, can_reassess, can_review


class _ServiceView(APIView):
    """Parse with `input_serializer`, call `act`, answer with `present`. A refused change rises
    to the API's one exception handler (core/api_errors.py)."""

    input_serializer: type[serializers.Serializer] | None = None
    success_status = status.HTTP_200_OK

    def act(self, request, data: dict, **kwargs):
        raise NotImplementedError

    def present(self, result) -> dict:
        raise NotImplementedError

    def post(self, request, **kwargs):
        data = {}
        if self.input_serializer is not None:
            payload = self.input_serializer(data=request.data)
            payload.is_valid(raise_exception=True)
            data = payload.validated_data
        result = self.act(request, data, **kwargs)
        return Response(self.present(result), status=self.success_status)


class ReviewStart(_ServiceView):
    write_check = staticmethod(can_review)

    @extend_schema(request=None, responses={200: AssessmentSerializer})
    def post(self, request, **kwargs):
        return super().post(request, **kwargs)

    def act(self, request, data, pk):
        return services.review_start(actor=request.user, assessment_pk=pk)

    def present(self, result):
        return AssessmentSerializer(result).data


class EvidenceLevelInput(serializers.Serializer):
    evidence_level = serializers.ChoiceField(choices=EvidenceLevel.values)
    valid_until = serializers.DateField(required=False, allow_null=True, default=None)


class AnswerEvidenceLevel(_ServiceView):
    write_check = staticmethod(can_review)
    input_serializer = EvidenceLevelInput

    @extend_schema(request=EvidenceLevelInput, responses={200: AnswerSerializer})
    def post(self, request, **kwargs):
        return super().post(request, **kwargs)

    def act(self, request, data, pk, question_key):
        return services.answer_evidence_level_set(
            actor=request.user,
            assessment_pk=pk,
            question_key=question_key,
            evidence_level=data["evidence_level"],
            valid_until=data["valid_until"],
        )

    present = staticmethod(answer_payload)


class OverrideInput(serializers.Serializer):
    score = serializers.FloatField(allow_null=True)
    justification = serializers.CharField(allow_blank=True, max_length=5_000)


class AnswerOverride(_ServiceView):
    write_check = staticmethod(can_review)
    input_serializer = OverrideInput

    @extend_schema(request=OverrideInput, responses={200: AnswerSerializer})
    def post(self, request, **kwargs):
        return super().post(request, **kwargs)

    def act(self, request, data, pk, question_key):
        return services.answer_override(
            actor=request.user,
            assessment_pk=pk,
            question_key=question_key,
            score=data["score"],
            justification=data["justification"],
        )

    present = staticmethod(answer_payload)


class AcceptInput(serializers.Serializer):
    justification = serializers.CharField(allow_blank=True, max_length=5_000)
    accepted = serializers.BooleanField(required=False, default=True)


class FindingAccept(_ServiceView):
    write_check = staticmethod(can_review)
    input_serializer = AcceptInput

    @extend_schema(request=AcceptInput, responses={200: AnswerSerializer})
    def post(self, request, **kwargs):
        return super().post(request, **kwargs)

    def act(self, request, data, pk, question_key):
        return services.finding_accept(
            actor=request.user,
            assessment_pk=pk,
            question_key=question_key,
            justification=data["justification"],
            accepted=data["accepted"],
        )

    present = staticmethod(answer_payload)


class CommentSerializer(serializers.ModelSerializer):
    author = serializers.SerializerMethodField()

    class Meta:
        model = Comment
        fields = ["id", "question_key", "author", "body", "kind", "resolved_at", "created_at"]
        read_only_fields = fields

    def get_author(self, obj) -> str | None:
        return obj.author.get_username() if obj.author else None


class CommentInput(serializers.Serializer):
    body = serializers.CharField(allow_blank=True, trim_whitespace=False)


class AnswerComments(_ServiceView):
    write_check = staticmethod(can_comment)
    input_serializer = CommentInput
    success_status = status.HTTP_201_CREATED

    @extend_schema(responses=CommentSerializer(many=True))
    def get(self, request, pk, question_key):
        assessment = assessment_get_for_user(user=request.user, pk=pk)
        comments = assessment.comments.filter(question_key=question_key).select_related("author")
        return Response(CommentSerializer(comments, many=True).data)

    @extend_schema(request=CommentInput, responses={201: CommentSerializer})
    def post(self, request, **kwargs):
        return super().post(request, **kwargs)

    def act(self, request, data, pk, question_key):
        return services.comment_add(
            actor=request.user, assessment_pk=pk, question_key=question_key, body=data["body"]
        )

    def present(self, result):
        return CommentSerializer(result).data


class ConditionSerializer(serializers.ModelSerializer):
    done_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    # A list of question keys, checked item by item (the model's JSONField would take anything).
    finding_keys = serializers.ListField(
        child=serializers.CharField(max_length=128), required=False, max_length=200
    )

    class Meta:
        model = Condition
        fields = [
            "id",
            "text",
            "owner",
            "due_date",
            "finding_keys",
            "created_at",
            "done_at",
            "done_by",
            "done_note",
        ]
        read_only_fields = ["id", "created_at", "done_at", "done_by", "done_note"]


class Conditions(_ServiceView):
    write_check = staticmethod(can_review)
    input_serializer = ConditionSerializer
    success_status = status.HTTP_201_CREATED

    @extend_schema(responses=ConditionSerializer(many=True))
    def get(self, request, pk):
        assessment = assessment_get_for_user(user=request.user, pk=pk)
        return Response(ConditionSerializer(assessment.conditions.all(), many=True).data)

    @extend_schema(request=ConditionSerializer, responses={201: ConditionSerializer})
    def post(self, request, **kwargs):
        return super().post(request, **kwargs)

    def act(self, request, data, pk):
        return services.condition_add(
            actor=request.user,
            assessment_pk=pk,
            text=data["text"],
            owner=data["owner"],
            due_date=data.get("due_date"),
            finding_keys=data.get("finding_keys") or [],
        )

    def present(self, result):
        return ConditionSerializer(result).data


class ConditionDoneInput(serializers.Serializer):
    # The service says what a note needs; the serializer only insists one is sent.
    note = serializers.CharField(allow_blank=True, trim_whitespace=False)


class ConditionDone(_ServiceView):
    """Mark a condition of approval done, with a note saying how it was met."""

    write_check = staticmethod(can_review)
    input_serializer = ConditionDoneInput

    @extend_schema(request=ConditionDoneInput, responses={200: ConditionSerializer})
    def post(self, request, **kwargs):
        return super().post(request, **kwargs)

    def act(self, request, data, pk, condition_id):
        return services.condition_mark_done(
            actor=request.user, assessment_pk=pk, condition_id=condition_id, note=data["note"]
        )

    def present(self, result):
        return ConditionSerializer(result).data


class RequestChangesInput(serializers.Serializer):
    question_keys = serializers.ListField(child=serializers.CharField(), allow_empty=True)
    message = serializers.CharField(allow_blank=True, max_length=5_000)


class RequestChanges(_ServiceView):
    write_check = staticmethod(can_review)
    input_serializer = RequestChangesInput

    @extend_schema(request=RequestChangesInput, responses={200: AssessmentSerializer})
    def post(self, request, **kwargs):
        return super().post(request, **kwargs)

    def act(self, request, data, pk):
        return services.assessment_request_changes(
            actor=request.user,
            assessment_pk=pk,
            question_keys=data["question_keys"],
            message=data["message"],
        )

    def present(self, result):
        return AssessmentSerializer(
            assessment_get_for_user(user=self.request.user, pk=result.pk)
        ).data


class DecisionInput(serializers.Serializer):
    decision = serializers.ChoiceField(choices=list(DECISIONS))
    rationale = serializers.CharField(allow_blank=True, max_length=10_000)
    departure_justification = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=10_000,
        help_text="Why the decision departs from the grade's recommendation. Required (of some "
        "substance) when it does: an approval of a high-risk or not-recommended grade, an "
        "approval with conditions of a not-recommended one, or any approval while a critical or "
        "high finding is open.",
    )


class Decision(_ServiceView):
    write_check = staticmethod(can_review)
    input_serializer = DecisionInput

    @extend_schema(request=DecisionInput, responses={200: AssessmentSerializer})
    def post(self, request, **kwargs):
        return super().post(request, **kwargs)

    def act(self, request, data, pk):
        return services.assessment_decide(
            actor=request.user,
            assessment_pk=pk,
            decision=data["decision"],
            rationale=data["rationale"],
            departure_justification=data["departure_justification"],
        )

    def present(self, result):
        return AssessmentSerializer(
            assessment_get_for_user(user=self.request.user, pk=result.pk)
        ).data


class WithdrawInput(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True, max_length=5_000)


class DecisionWithdraw(_ServiceView):
    """An administrator, or the deciding architect within 24 hours, takes a decision back to
    review."""

    write_check = staticmethod(can_review)
    input_serializer = WithdrawInput

    @extend_schema(request=WithdrawInput, responses={200: AssessmentSerializer})
    def post(self, request, **kwargs):
        return super().post(request, **kwargs)

    def act(self, request, data, pk):
        return services.assessment_decision_withdraw(
            actor=request.user, assessment_pk=pk, reason=data["reason"]
        )

    def present(self, result):
        return AssessmentSerializer(
            assessment_get_for_user(user=self.request.user, pk=result.pk)
        ).data


class AnswerReviewed(_ServiceView):
    """The architect keeps the answer's evidence level: the answer counts as reviewed (for a
    carried answer, reconfirmed)."""

    write_check = staticmethod(can_review)

    @extend_schema(request=None, responses={200: AnswerSerializer})
    def post(self, request, **kwargs):
        return super().post(request, **kwargs)

    def act(self, request, data, pk, question_key):
        return services.answer_review_mark(
            actor=request.user, assessment_pk=pk, question_key=question_key
        )

    present = staticmethod(answer_payload)


class DomainReviewedOutput(serializers.Serializer):
    marked = serializers.IntegerField()


class DomainReviewed(_ServiceView):
    """Every answered question of a domain not yet reviewed is marked reviewed, levels unchanged."""

    write_check = staticmethod(can_review)

    @extend_schema(request=None, responses={200: DomainReviewedOutput})
    def post(self, request, **kwargs):
        return super().post(request, **kwargs)

    def act(self, request, data, pk, domain_key):
        return services.domain_review_mark(
            actor=request.user, assessment_pk=pk, domain_key=domain_key
        )

    def present(self, result):
        return {"marked": result}


class ReassessInput(serializers.Serializer):
    questionnaire = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text="The questionnaire version to move to: the same one or a newer published one. "
        "By default the newest published version.",
    )


class Reassess(_ServiceView):
    write_check = staticmethod(can_reassess)
    input_serializer = ReassessInput
    success_status = status.HTTP_201_CREATED

    @extend_schema(request=ReassessInput, responses={201: AssessmentSerializer})
    def post(self, request, **kwargs):
        return super().post(request, **kwargs)

    def act(self, request, data, pk):
        return assessment_reassess(
            actor=request.user, assessment_pk=pk, questionnaire_pk=data["questionnaire"]
        )

    def present(self, result):
        return AssessmentSerializer(
            assessment_get_for_user(user=self.request.user, pk=result.pk)
        ).data


class AuditEventSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor_label")

    class Meta:
        model = AuditEvent
        fields = ["id", "created_at", "actor", "action", "question_key", "old", "new"]
        read_only_fields = fields


class History(APIView):
    @extend_schema(responses=AuditEventSerializer(many=True))
    def get(self, request, pk):
        assessment = assessment_get_for_user(user=request.user, pk=pk)
        events = assessment.audit_events.all()
        question_key = request.query_params.get("question_key")
        if question_key:
            events = events.filter(question_key=question_key)
        return Response(AuditEventSerializer(events, many=True).data)
