"""REST API of webhooks, for admins: endpoints (list, create, detail, change), their deliveries,
and redelivery. The secret is in the response to the create call and nowhere else."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from core.permissions import can_manage_webhooks
from webhooks.events import EVENTS
from webhooks.models import WebhookDelivery, WebhookEndpoint
from webhooks.selectors import webhook_delivery_get, webhook_endpoint_get
from webhooks.services import (
    ADMINS_ONLY,
    webhook_endpoint_create,
    webhook_endpoint_update,
    webhook_redeliver,
)

URL_FIXED = "An endpoint's URL cannot change: register a new endpoint and switch this one off."
PAYLOAD_NOTE = (
    "Each delivery is a POST of JSON {id, type, created_at, data}, where data holds ids and "
    "links only (never answers or findings): read what you need with your own API token. "
    "Headers webhook-id, webhook-timestamp and webhook-signature (v1,<base64 HMAC-SHA256 of "
    "'<id>.<timestamp>.<body>' with the secret's key>) follow the Standard Webhooks format; the "
    "README shows how to check them."
)


class AdminOnly:
    """Every method, reads too: who receives our events is an admin's business."""

    write_check = staticmethod(can_manage_webhooks)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        method = request.method.lower()
        # A method the endpoint lacks answers 405 to everyone, as everywhere in the API.
        implemented = method in self.http_method_names and hasattr(self, method)
        if implemented and not can_manage_webhooks(request.user):
            self.permission_denied(request, message=ADMINS_ONLY)


class EndpointSerializer(serializers.ModelSerializer):
    events = serializers.ListField(
        child=serializers.CharField(), help_text=f"Any of: {', '.join(EVENTS)}."
    )

    class Meta:
        model = WebhookEndpoint
        fields = [
            "id",
            "url",
            "description",
            "events",
            "is_active",
            "consecutive_failures",
            "disabled_at",
            "disabled_reason",
            "created_at",
        ]
        read_only_fields = [
            "id",
            "consecutive_failures",
            "disabled_at",
            "disabled_reason",
            "created_at",
        ]


class EndpointCreatedSerializer(EndpointSerializer):
    secret = serializers.CharField(read_only=True, help_text="Shown this once: keep it.")

    class Meta(EndpointSerializer.Meta):
        fields = [*EndpointSerializer.Meta.fields, "secret"]


class DeliverySerializer(serializers.ModelSerializer):
    event_id = serializers.CharField(read_only=True)

    class Meta:
        model = WebhookDelivery
        fields = [
            "id",
            "event_id",
            "event",
            "status",
            "attempts",
            "last_status_code",
            "last_error",
            "next_attempt_at",
            "delivered_at",
            "created_at",
        ]


class EndpointList(AdminOnly, generics.ListCreateAPIView):
    serializer_class = EndpointSerializer
    queryset = WebhookEndpoint.objects.all()

    @extend_schema(
        request=EndpointSerializer,
        responses={201: EndpointCreatedSerializer},
        description="Register an endpoint: an https URL whose every address is public (checked "
        "again at each delivery). " + PAYLOAD_NOTE,
    )
    def post(self, request):
        data = EndpointSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        endpoint, secret = webhook_endpoint_create(
            actor=request.user,
            url=data.validated_data["url"],
            events=data.validated_data["events"],
            description=data.validated_data.get("description", ""),
        )
        endpoint.secret = secret
        return Response(EndpointCreatedSerializer(endpoint).data, status=status.HTTP_201_CREATED)


class EndpointDetail(AdminOnly, generics.RetrieveUpdateAPIView):
    serializer_class = EndpointSerializer
    http_method_names = ["get", "patch", "head", "options"]

    def get_object(self):
        return webhook_endpoint_get(user=self.request.user, pk=self.kwargs["pk"])

    @extend_schema(description="Change the events or description, or switch it on or off.")
    def patch(self, request, pk):
        if "url" in request.data:
            raise serializers.ValidationError({"url": [URL_FIXED]})
        data = EndpointSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        changes = data.validated_data
        endpoint = webhook_endpoint_update(
            actor=request.user,
            endpoint=self.get_object(),
            events=changes.get("events"),
            description=changes.get("description"),
            is_active=changes.get("is_active"),
        )
        return Response(EndpointSerializer(endpoint).data)


class DeliveryList(AdminOnly, generics.ListAPIView):
    serializer_class = DeliverySerializer

    def get_queryset(self):
        return webhook_endpoint_get(user=self.request.user, pk=self.kwargs["pk"]).deliveries.all()


class DeliveryRedeliver(AdminOnly, APIView):
    @extend_schema(
        request=None,
        responses={202: DeliverySerializer, 404: OpenApiResponse(description="No such delivery.")},
    )
    def post(self, request, pk, delivery_id):
        delivery = webhook_delivery_get(user=request.user, endpoint_pk=pk, pk=delivery_id)
        delivery = webhook_redeliver(actor=request.user, delivery=delivery)
        return Response(DeliverySerializer(delivery).data, status=status.HTTP_202_ACCEPTED)
