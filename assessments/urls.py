"""The internal pages of assessments, under /assessments/. The vendor's pages are in
assessments/portal/urls.py, the API in assessments/api/urls.py."""

from django.urls import path

from assessments.answers import views as answers
from assessments.conditions import views as conditions
from assessments.evidence import views as evidence
from assessments.lifecycle import views as lifecycle
from assessments.portfolio import views as portfolio
from assessments.review import views as review

app_name = "assessments"

urlpatterns = [
    path("", portfolio.assessment_list, name="list"),
    path("export/csv/", portfolio.assessment_export_csv, name="export-csv"),
    path("export/xlsx/", portfolio.assessment_export_xlsx, name="export-xlsx"),
    path("new/", lifecycle.assessment_start, name="start"),
    path("review/", review.review_queue, name="queue"),
    path("conditions/", conditions.condition_tracker, name="conditions"),
    path(
        "questionnaires/<int:pk>/coverage/",
        lifecycle.questionnaire_coverage_page,
        name="coverage",
    ),
    path(
        "<uuid:pk>/conditions/<int:condition_id>/done/",
        conditions.condition_done,
        name="condition-done",
    ),
    path("<uuid:pk>/review/", review.assessment_review, name="review"),
    path("<uuid:pk>/review/fragments/", review.review_fragments, name="review-fragments"),
    path("<uuid:pk>/review/decision-preview/", review.decision_preview, name="decision-preview"),
    path("<uuid:pk>/history/", lifecycle.assessment_history, name="history"),
    path("<uuid:pk>/", lifecycle.assessment_detail, name="detail"),
    path("<uuid:pk>/form/", answers.assessment_form, name="form"),
    path("<uuid:pk>/submit/", lifecycle.assessment_submit_view, name="submit"),
    path("<uuid:pk>/evidence/<uuid:evidence_id>/", evidence.evidence_download, name="evidence"),
    path(
        "<uuid:pk>/evidence/<uuid:evidence_id>/document/",
        evidence.evidence_document,
        name="evidence-document",
    ),
    path(
        "<uuid:pk>/evidence/<uuid:evidence_id>/document/confirm/",
        evidence.evidence_document_confirm,
        name="evidence-document-confirm",
    ),
    path("<uuid:pk>/diff/", lifecycle.assessment_diff, name="diff"),
]
