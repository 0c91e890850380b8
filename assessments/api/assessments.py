"""REST API of assessments: list, start, read, submit, and the scorecard. Thin views over the same
services as the browser."""

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import SAFE_METHODS
from rest_framework.response import Response
from rest_framework.views import APIView

from assessments.api.serializers import (
    AssessmentCreateSerializer,
    AssessmentSerializer,
)
from assessments.impact import assessment_impact_matrix
from assessments.lifecycle import assessment_create, assessment_submit
from assessments.models import QuestionnaireVersion
from assessments.portfolio import (
    SORTS,
    portfolio_assessments,
    portfolio_query_parse,
    portfolio_row,
)
from assessments.questionnaire.selectors import questionnaire_newest_published
from assessments.scoring_adapter import assessment_score
from assessments.selectors import assessment_get_for_user
from core.permissions import can_answer, can_start_assessment
from vendors.models import Offering

OFFERING_NOT_FOUND = "No offering with this id."


QUESTIONNAIRE_NOT_FOUND = "No questionnaire version with this id."

# The list's parameters, the same as the /assessments/ page's (assessments/portfolio/filters.py).
_MANY, _ONE = True, False
PORTFOLIO_PARAMETERS = [
    OpenApiParameter(name, str, many=many, description=text)
    for name, many, text in (
        ("status", _MANY, "A status; repeat for several."),
        ("grade", _MANY, "A grade (A to E) from the stored summary; repeat for several."),
        ("decision", _MANY, "A decided status; repeat for several."),
        ("vendor", _ONE, "A vendor id."),
        ("offering", _ONE, "An offering id."),
        ("requester", _ONE, "A user id, or `me`."),
        ("reviewer", _ONE, "A user id, or `me`."),
        ("due_from", _ONE, "Due on or after this date (YYYY-MM-DD)."),
        ("due_to", _ONE, "Due on or before this date (YYYY-MM-DD)."),
        ("decided_from", _ONE, "Decided on or after this date (YYYY-MM-DD)."),
        ("decided_to", _ONE, "Decided on or before this date (YYYY-MM-DD)."),
        ("findings", _ONE, "critical, high, medium or low: at least one open finding of it."),
        ("questionnaire", _ONE, "A questionnaire version id."),
        ("q", _ONE, "Words to find in the vendor's or the offering's name."),
        (
            "conditions",
            _ONE,
            "`due` (an open condition due within 30 days or overdue) or `overdue`.",
        ),
        (
            "awaiting",
            _ONE,
            "`vendor` (a vendor contact is answering an invitation) or `clarification` (changes "
            "requested, an architect's questions still open).",
        ),
        (
            "at_risk",
            _ONE,
            "`1`: the latest decision on an offering graded D or E, or an approval with an "
            "overdue condition.",
        ),
        ("sort", _ONE, "One of " + ", ".join(SORTS) + "; a leading `-` for descending."),
    )
]


class AssessmentListSerializer(AssessmentSerializer):
    """A row of the list: the assessment and what its stored summary says (never a rescoring)."""

    summary = serializers.SerializerMethodField(
        help_text="Grade (provisional while required answers are missing, decided after the "
        "decision), answers given of those that apply, open findings by severity."
    )

    class Meta(AssessmentSerializer.Meta):
        fields = [*AssessmentSerializer.Meta.fields, "summary"]
        read_only_fields = fields

    def get_summary(self, obj) -> dict:
        row = portfolio_row(obj)
        return {
            "grade": row["grade"] or None,
            "grade_state": row["grade_state"] or "current",
            "answered": row["answered"],
            "applicable": row["applicable"],
            "open_findings": row["findings"],
        }


class AssessmentListCreate(generics.ListCreateAPIView):
    serializer_class = AssessmentSerializer
    write_check = staticmethod(can_start_assessment)

    def get_serializer_class(self):
        return (
            AssessmentListSerializer
            if self.request.method in SAFE_METHODS
            else super().get_serializer_class()
        )

    def get_queryset(self) -> QuerySet:
        # The same parameters, checks and order as the /assessments/ page (portfolio.filters);
        # a value the page would ignore with a note is a 400 naming the parameter here.
        query = portfolio_query_parse(self.request.query_params, user=self.request.user)
        if query.problems:
            errors: dict[str, list[str]] = {}
            for problem in query.problems:
                errors.setdefault(problem.field, []).append(problem.message)
            raise ValidationError(errors)
        return portfolio_assessments(user=self.request.user, query=query)

    @extend_schema(parameters=PORTFOLIO_PARAMETERS)
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

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
    @extend_schema(
        responses={
            200: OpenApiResponse(
                description="The evidence-weighted scorecard, with `impact_matrix`: the five "
                "qualities at go-live and long term, each cell weighing its open findings by "
                "severity (critical 8, high 4, medium 2, low 1) and listing accepted and "
                "conditioned ones apart."
            )
        }
    )
    def get(self, request, pk):
        assessment = assessment_get_for_user(user=request.user, pk=pk)
        card = assessment_score(assessment=assessment).scorecard
        body = scorecard_payload(card.to_dict())
        body["impact_matrix"] = assessment_impact_matrix(assessment=assessment, scorecard=card)
        return Response(body)
