from django.urls import path

from assessments import views

app_name = "assessments"

urlpatterns = [
    path("new/", views.assessment_start, name="start"),
    path("review/", views.review_queue, name="queue"),
    path("<uuid:pk>/review/", views.assessment_review, name="review"),
    path("<uuid:pk>/history/", views.assessment_history, name="history"),
    path("<uuid:pk>/", views.assessment_detail, name="detail"),
    path("<uuid:pk>/form/", views.assessment_form, name="form"),
    path("<uuid:pk>/submit/", views.assessment_submit_view, name="submit"),
    path("<uuid:pk>/evidence/<uuid:evidence_id>/", views.evidence_download, name="evidence"),
    path("<uuid:pk>/diff/", views.assessment_diff, name="diff"),
]
