from django.urls import path

from webhooks import api

urlpatterns = [
    path("webhooks/", api.EndpointList.as_view(), name="api-webhooks"),
    path("webhooks/<uuid:pk>/", api.EndpointDetail.as_view(), name="api-webhook"),
    path(
        "webhooks/<uuid:pk>/deliveries/",
        api.DeliveryList.as_view(),
        name="api-webhook-deliveries",
    ),
    path(
        "webhooks/<uuid:pk>/deliveries/<uuid:delivery_id>/redeliver/",
        api.DeliveryRedeliver.as_view(),
        name="api-webhook-redeliver",
    ),
]
