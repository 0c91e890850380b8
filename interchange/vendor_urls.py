"""Importing a team's vendor list, under the vendor pages (/vendors/import/…)."""

from django.urls import path

from interchange.vendor_list import views

app_name = "vendor_import"

urlpatterns = [
    path("", views.vendor_import_upload, name="upload"),
    path("<uuid:import_id>/", views.vendor_import_preview, name="preview"),
    path("<uuid:import_id>/confirm/", views.vendor_import_confirm, name="confirm"),
    path("<uuid:import_id>/discard/", views.vendor_import_discard, name="discard"),
]
