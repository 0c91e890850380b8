"""The API's token endpoints.

`POST /api/v1/auth/token/` takes a username and password (and, for someone with an authenticator
app, its current code as `otp_token`) and makes a new named token, returned once; scripts written
for the old endpoint keep working (they read `token`). A token is as good as a signed-in session,
so with OTP_REQUIRED_FOR_REVIEWERS an architect or admin without an app gets none.

Recovery codes are not taken here: they are a way back into the browser after a lost phone, for
a person, who can then ask for the app to be reset. Accepted here, ten codes on a sheet of paper
would each mint a token with no app involved. A recovery code sent as `otp_token` is a wrong app
code (counted and logged as one) and stays unused.

`GET /api/v1/auth/tokens/` lists the caller's tokens (never a key), and
`POST /api/v1/auth/tokens/{id}/revoke/` revokes one of them (an admin: anyone's).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from core.client_ip import client_ip
from core.models import ApiToken
from core.permissions import can_read
from core.tokens.selectors import SHOWN_FIELDS, api_token_for, api_tokens_of, token_state
from core.tokens.services import NAME_MAX, api_token_create, api_token_revoke
from core.totp import SET_UP_FIRST, totp_verify, user_has_second_factor, user_must_add_second_factor

DEFAULT_NAME = "Issued at /api/v1/auth/token/"


class TokenRequestSerializer(AuthTokenSerializer):
    otp_token = serializers.CharField(
        required=False,
        allow_blank=True,
        write_only=True,
        max_length=64,
        label="Authenticator code",
        help_text="The 6-digit code of the user's authenticator app, if they have one. "
        "Recovery codes are not accepted here.",
    )
    name = serializers.CharField(
        required=False,
        max_length=NAME_MAX,
        write_only=True,
        help_text="Where the token is used, such as “CI export”; shown on the account page "
        "and in the audit trail.",
    )
    read_only = serializers.BooleanField(
        required=False,
        default=False,
        write_only=True,
        help_text="A read-only token can read but not change anything.",
    )
    expires_in_days = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=365,
        write_only=True,
        help_text="How long the token works; the deployment's default (90 days unless "
        "API_TOKEN_DEFAULT_DAYS says otherwise) when left out, never more than "
        "API_TOKEN_MAX_DAYS.",
    )

    def validate(self, attrs):
        attrs = super().validate(attrs)
        user = attrs["user"]
        if user_has_second_factor(user):
            request = self.context["request"]
            code = "".join(attrs.get("otp_token", "").split())
            try:
                totp_verify(user=user, code=code, ip=client_ip(request), purpose="api_token")
            except ValidationError as error:
                raise serializers.ValidationError({"otp_token": error.messages}) from error
        elif user_must_add_second_factor(user):
            raise serializers.ValidationError({"otp_token": [SET_UP_FIRST]})
        return attrs


class TokenSerializer(serializers.ModelSerializer):
    state = serializers.SerializerMethodField()

    class Meta:
        model = ApiToken
        fields = ("id", *SHOWN_FIELDS, "state")
        read_only_fields = fields

    def get_state(self, token: ApiToken) -> str:
        """working, expired or revoked."""
        return token_state(token)


class IssuedTokenSerializer(TokenSerializer):
    token = serializers.CharField(help_text="The key. Shown only in this response; keep it now.")

    class Meta(TokenSerializer.Meta):
        fields = ("token", *TokenSerializer.Meta.fields)
        read_only_fields = fields


class ObtainTokenView(APIView):
    authentication_classes = ()
    permission_classes = ()
    serializer_class = TokenRequestSerializer

    @extend_schema(request=TokenRequestSerializer, responses={200: IssuedTokenSerializer})
    def post(self, request):
        serializer = TokenRequestSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        issued = api_token_create(
            user=data["user"],
            name=data.get("name") or DEFAULT_NAME,
            read_only=data["read_only"],
            expires_in_days=data.get("expires_in_days", settings.API_TOKEN_DEFAULT_DAYS),
            ip=client_ip(request),
        )
        issued.token.token = issued.key
        return Response(IssuedTokenSerializer(issued.token).data, status=status.HTTP_200_OK)


class TokenListView(ListAPIView):
    """The caller's own tokens, newest first. Keys are never shown again after creation."""

    serializer_class = TokenSerializer

    def get_queryset(self):
        return api_tokens_of(user=self.request.user)


class TokenRevokeView(APIView):
    # Anyone with a role may revoke their own tokens (api_token_for: an admin, anyone's).
    write_check = staticmethod(can_read)

    @extend_schema(request=None, responses={200: TokenSerializer})
    def post(self, request, pk):
        token = api_token_for(actor=request.user, pk=pk)
        api_token_revoke(actor=request.user, token=token, ip=client_ip(request))
        token.refresh_from_db()
        return Response(TokenSerializer(token).data)


obtain_token = ObtainTokenView.as_view()
token_list = TokenListView.as_view()
token_revoke = TokenRevokeView.as_view()
