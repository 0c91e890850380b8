from django.urls import path

from assessments.api import answers, assessments, evidence, invitations, questionnaires, review

urlpatterns = [
    path("questionnaires/", questionnaires.QuestionnaireList.as_view(), name="api-questionnaires"),
    path(
        "questionnaires/<int:pk>/",
        questionnaires.QuestionnaireDetail.as_view(),
        name="api-questionnaire",
    ),
    path("assessments/", assessments.AssessmentListCreate.as_view(), name="api-assessments"),
    path("assessments/<uuid:pk>/", assessments.AssessmentDetail.as_view(), name="api-assessment"),
    path("assessments/<uuid:pk>/answers/", answers.AnswerList.as_view(), name="api-answers"),
    path(
        "assessments/<uuid:pk>/answers/batch/",
        answers.AnswerBatch.as_view(),
        name="api-answers-batch",
    ),
    path(
        "assessments/<uuid:pk>/answers/<str:question_key>/",
        answers.AnswerDetail.as_view(),
        name="api-answer",
    ),
    path("assessments/<uuid:pk>/evidence/", evidence.EvidenceCreate.as_view(), name="api-evidence"),
    path(
        "assessments/<uuid:pk>/submit/", assessments.AssessmentSubmit.as_view(), name="api-submit"
    ),
    path("assessments/<uuid:pk>/scorecard/", assessments.Scorecard.as_view(), name="api-scorecard"),
    path(
        "assessments/<uuid:pk>/review/start/", review.ReviewStart.as_view(), name="api-review-start"
    ),
    path(
        "assessments/<uuid:pk>/answers/<str:question_key>/evidence-level/",
        review.AnswerEvidenceLevel.as_view(),
        name="api-answer-evidence-level",
    ),
    path(
        "assessments/<uuid:pk>/answers/<str:question_key>/override/",
        review.AnswerOverride.as_view(),
        name="api-answer-override",
    ),
    path(
        "assessments/<uuid:pk>/answers/<str:question_key>/comments/",
        review.AnswerComments.as_view(),
        name="api-answer-comments",
    ),
    path(
        "assessments/<uuid:pk>/findings/<str:question_key>/accept/",
        review.FindingAccept.as_view(),
        name="api-finding-accept",
    ),
    path("assessments/<uuid:pk>/conditions/", review.Conditions.as_view(), name="api-conditions"),
    path(
        "assessments/<uuid:pk>/conditions/<int:condition_id>/done/",
        review.ConditionDone.as_view(),
        name="api-condition-done",
    ),
    path(
        "assessments/<uuid:pk>/request-changes/",
        review.RequestChanges.as_view(),
        name="api-request-changes",
    ),
    path("assessments/<uuid:pk>/decision/", review.Decision.as_view(), name="api-decision"),
    path(
        "assessments/<uuid:pk>/decision/withdraw/",
        review.DecisionWithdraw.as_view(),
        name="api-decision-withdraw",
    ),
    path(
        "assessments/<uuid:pk>/answers/<str:question_key>/reviewed/",
        review.AnswerReviewed.as_view(),
        name="api-answer-reviewed",
    ),
    path(
        "assessments/<uuid:pk>/domains/<str:domain_key>/reviewed/",
        review.DomainReviewed.as_view(),
        name="api-domain-reviewed",
    ),
    path("assessments/<uuid:pk>/reassess/", review.Reassess.as_view(), name="api-reassess"),
    path("assessments/<uuid:pk>/history/", review.History.as_view(), name="api-history"),
    path(
        "assessments/<uuid:pk>/invitations/",
        invitations.InvitationListCreate.as_view(),
        name="api-invitations",
    ),
    path(
        "invitations/<uuid:pk>/revoke/",
        invitations.InvitationRevoke.as_view(),
        name="api-invitation-revoke",
    ),
    path(
        "invitations/<uuid:pk>/resend/",
        invitations.InvitationResend.as_view(),
        name="api-invitation-resend",
    ),
    path(
        "invitations/<uuid:pk>/end-sessions/",
        invitations.InvitationEndSessions.as_view(),
        name="api-invitation-end-sessions",
    ),
]
