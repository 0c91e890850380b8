"""REST API for vendor invitations: thin views over assessments.invitations.

No response ever carries the link's token: it exists only in the invitation e-mail.
"""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from assessments.invitations import (
    DEFAULT_DAYS,
    invitation_create,
    invitation_get_for_user,
    invitation_resend,
    invitation_revoke,
    invitations_of,
    vendor_session_revoke,
)
from assessments.models import Invitation
from assessments.selectors import assessment_get_for_user
from core.permissions import can_invite_vendor


class InvitationSerializer(serializers.ModelSerializer):
    status = serializers.ChoiceField(choices=Invitation.Status.choices, read_only=True)
    contact = serializers.SerializerMethodField()
    domains = serializers.ListField(source="domain_keys", child=serializers.CharField())
    created_by = serializers.SerializerMethodField()

    class Meta:
        model = Invitation
        # Never the token, its hash or its prefix.
        fields = [
            "id",
            "assessment",
            "contact",
            "domains",
            "status",
            "expires_at",
            "sent_at",
            "send_error",
            "used_at",
            "done_at",
            "revoked_at",
            "created_by",
            "created_at",
        ]
        read_only_fields = fields

    def get_contact(self, obj) -> dict:
        return {"id": str(obj.contact_id), "name": obj.contact.name, "email": obj.contact.email}

    def get_created_by(self, obj) -> str | None:
        return obj.created_by.get_username() if obj.created_by else None


class InvitationCreateSerializer(serializers.Serializer):
    email = serializers.CharField(max_length=254)
    name = serializers.CharField(max_length=200)
    domains = serializers.ListField(child=serializers.CharField(max_length=64), max_length=50)
    expires_in_days = serializers.IntegerField(required=False, default=DEFAULT_DAYS)


class InvitationResendSerializer(serializers.Serializer):
    expires_in_days = serializers.IntegerField(required=False, default=DEFAULT_DAYS)


class InvitationListCreate(APIView):
    write_check = staticmethod(can_invite_vendor)

    @extend_schema(responses=InvitationSerializer(many=True))
    def get(self, request, pk):
        assessment = assessment_get_for_user(user=request.user, pk=pk)
        invitations = invitations_of(assessment).select_related("created_by")
        return Response(InvitationSerializer(invitations, many=True).data)

    @extend_schema(request=InvitationCreateSerializer, responses={201: InvitationSerializer})
    def post(self, request, pk):
        assessment = assessment_get_for_user(user=request.user, pk=pk)
        payload = InvitationCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        invitation, _token = invitation_create(
            actor=request.user,
            assessment=assessment,
            email=data["email"],
            name=data["name"],
            domain_keys=data["domains"],
            expires_in_days=data["expires_in_days"],
        )
        return Response(InvitationSerializer(invitation).data, status=status.HTTP_201_CREATED)


class InvitationRevoke(APIView):
    write_check = staticmethod(can_invite_vendor)

    @extend_schema(request=None, responses={200: InvitationSerializer})
    def post(self, request, pk):
        invitation = invitation_revoke(actor=request.user, invitation_pk=pk)
        return Response(InvitationSerializer(invitation).data)


class InvitationResend(APIView):
    write_check = staticmethod(can_invite_vendor)

    @extend_schema(request=InvitationResendSerializer, responses={200: InvitationSerializer})
    def post(self, request, pk):
        payload = InvitationResendSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        invitation, _token = invitation_resend(
            actor=request.user,
            invitation_pk=pk,
            expires_in_days=payload.validated_data["expires_in_days"],
        )
        return Response(InvitationSerializer(invitation).data)


class InvitationEndSessions(APIView):
    write_check = staticmethod(can_invite_vendor)

    @extend_schema(
        request=None,
        responses={
            200: InvitationSerializer,
            409: OpenApiResponse(description="The vendor has no open session."),
        },
    )
    def post(self, request, pk):
        vendor_session_revoke(actor=request.user, invitation_pk=pk)
        invitation = invitation_get_for_user(user=request.user, pk=pk)
        return Response(InvitationSerializer(invitation).data)
