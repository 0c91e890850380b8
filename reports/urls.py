from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("preview/<uuid:pk>/", views.report_preview, name="preview"),
    path("request/<uuid:pk>/", views.report_request_view, name="request"),
    path("compare/", views.comparison_picker, name="compare"),
    path("compare/preview/", views.comparison_preview, name="compare-preview"),
    path("<uuid:pk>/", views.report_status, name="status"),
    path("<uuid:pk>/retry/", views.report_retry_view, name="retry"),
    path("<uuid:pk>/download/", views.report_download, name="download"),
]
