from django.urls import path

from reports import api

urlpatterns = [
    path(
        "assessments/<uuid:pk>/reports/",
        api.AssessmentReports.as_view(),
        name="api-assessment-reports",
    ),
    path("comparisons/", api.Comparisons.as_view(), name="api-comparisons"),
    path("reports/<uuid:pk>/", api.ReportDetail.as_view(), name="api-report"),
    path("reports/<uuid:pk>/retry/", api.ReportRetry.as_view(), name="api-report-retry"),
    path("reports/<uuid:pk>/download/", api.ReportDownload.as_view(), name="api-report-download"),
]
