"""Spreadsheet downloads and imports of one assessment, under its pages (/assessments/…)."""

from django.urls import path

from interchange import oscal_views, views
from interchange.answers_import import views as imports

app_name = "interchange"

urlpatterns = [
    path("<uuid:pk>/export/answers.xlsx", views.assessment_xlsx, name="assessment-xlsx"),
    path("<uuid:pk>/export/answers.csv", views.assessment_csv, name="assessment-csv"),
    path(
        "<uuid:pk>/export/questionnaire.xlsx",
        imports.offline_questionnaire,
        name="offline-questionnaire",
    ),
    path("<uuid:pk>/import/", imports.import_start, name="import"),
    path("<uuid:pk>/import/<uuid:import_id>/", imports.import_preview, name="import-preview"),
    path("<uuid:pk>/import/<uuid:import_id>/apply/", imports.import_apply, name="import-apply"),
    path(
        "<uuid:pk>/import/<uuid:import_id>/discard/", imports.import_discard, name="import-discard"
    ),
    path("<uuid:pk>/import/mappings/new/", imports.mapping_edit, name="mapping-new"),
    path("<uuid:pk>/import/mappings/<uuid:mapping_id>/", imports.mapping_edit, name="mapping-edit"),
    path(
        "<uuid:pk>/export/results.oscal.json", oscal_views.assessment_oscal, name="assessment-oscal"
    ),
]
