"""An offering's inherent risk and tier, under its vendor's pages (/vendors/…)."""

from django.urls import path

from tiering import views

app_name = "tiering"

urlpatterns = [
    path("<uuid:pk>/offerings/<uuid:offering_id>/risk/", views.offering_risk, name="risk"),
    path(
        "<uuid:pk>/offerings/<uuid:offering_id>/risk/override/",
        views.offering_tier_override,
        name="override",
    ),
]
