"""The API token endpoint. A token is as good as a signed-in session, so a user with an
authenticator app gets one only with its current code as well as the password (`otp_token`);
with OTP_REQUIRED_FOR_REVIEWERS an architect or admin without an app gets none.

Recovery codes are not taken here: they are a way back into the browser after a lost phone, for
a person, who can then ask for the app to be reset. Accepted here, ten codes on a sheet of paper
would each mint a long-lived token with no app involved. A recovery code sent as `otp_token` is a
wrong app code (counted and logged as one) and stays unused."""

from django.core.exceptions import ValidationError
from rest_framework import serializers
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken

from core.client_ip import client_ip
from core.totp import SET_UP_FIRST, totp_verify, user_has_second_factor, user_must_add_second_factor


class TokenRequestSerializer(AuthTokenSerializer):
    otp_token = serializers.CharField(
        required=False,
        allow_blank=True,
        write_only=True,
        label="Authenticator code",
        help_text="The 6-digit code of the user's authenticator app, if they have one. "
        "Recovery codes are not accepted here.",
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


class ObtainTokenView(ObtainAuthToken):
    serializer_class = TokenRequestSerializer


obtain_token = ObtainTokenView.as_view()
