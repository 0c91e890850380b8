from django.urls import path

from assessments.api import views

urlpatterns = [
    path("questionnaires/", views.QuestionnaireList.as_view(), name="api-questionnaires"),
    path("questionnaires/<int:pk>/", views.QuestionnaireDetail.as_view(), name="api-questionnaire"),
    path("assessments/", views.AssessmentListCreate.as_view(), name="api-assessments"),
    path("assessments/<uuid:pk>/", views.AssessmentDetail.as_view(), name="api-assessment"),
    path("assessments/<uuid:pk>/answers/", views.AnswerList.as_view(), name="api-answers"),
    path(
        "assessments/<uuid:pk>/answers/<str:question_key>/",
        views.AnswerDetail.as_view(),
        name="api-answer",
    ),
    path("assessments/<uuid:pk>/evidence/", views.EvidenceCreate.as_view(), name="api-evidence"),
    path("assessments/<uuid:pk>/submit/", views.AssessmentSubmit.as_view(), name="api-submit"),
    path("assessments/<uuid:pk>/scorecard/", views.Scorecard.as_view(), name="api-scorecard"),
]
