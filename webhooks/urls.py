"""The admins' webhooks pages, under /webhooks/; the API is in webhooks/api_urls.py."""

from django.urls import path

from webhooks import views

app_name = "webhooks"

urlpatterns = [
    path("", views.webhook_endpoints, name="endpoints"),
    path("<uuid:pk>/switch/", views.webhook_switch, name="switch"),
    path("<uuid:pk>/deliveries/", views.webhook_delivery_log, name="deliveries"),
    path(
        "<uuid:pk>/deliveries/<uuid:delivery_id>/redeliver/",
        views.webhook_redeliver_view,
        name="redeliver",
    ),
]
