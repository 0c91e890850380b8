"""Mounted under /api/v1/ by config/urls.py. Plain names, prefixed "api-"."""

from django.urls import path

from vendors import api

urlpatterns = [
    path("vendors/", api.VendorListCreateApi.as_view(), name="api-vendor-list"),
    path("vendors/<uuid:id>/", api.VendorDetailApi.as_view(), name="api-vendor-detail"),
    path(
        "vendors/<uuid:vendor_id>/offerings/",
        api.VendorOfferingListCreateApi.as_view(),
        name="api-vendor-offerings",
    ),
    path(
        "vendors/<uuid:vendor_id>/contacts/",
        api.VendorContactListCreateApi.as_view(),
        name="api-vendor-contacts",
    ),
]
