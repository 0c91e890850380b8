"""REST API of questionnaire versions: the published and retired ones, with their whole tree."""

from django.db.models import QuerySet
from rest_framework import generics

from assessments.api.serializers import (
    QuestionnaireDetailSerializer,
    QuestionnaireSerializer,
)
from assessments.models import QuestionnaireVersion
from assessments.questionnaire.structure import (
    questionnaire_structure,
)


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
