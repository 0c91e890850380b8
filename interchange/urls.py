"""Spreadsheet downloads of one assessment, under its pages (/assessments/…)."""

from django.urls import path

from interchange import views

app_name = "interchange"

urlpatterns = [
    path("<uuid:pk>/export/answers.xlsx", views.assessment_xlsx, name="assessment-xlsx"),
    path("<uuid:pk>/export/answers.csv", views.assessment_csv, name="assessment-csv"),
]
