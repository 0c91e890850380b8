from django.contrib import admin
from django_otp.plugins.otp_static import admin as _static_admin  # noqa: F401  (registers it)
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.admin import TokenProxy

from core.client_ip import client_ip
from core.models import ApiToken, WorkerHeartbeat
from core.tokens.selectors import SHOWN_FIELDS, token_state
from core.tokens.services import api_token_revoke
from core.totp import totp_device_reset


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records written only by services (with their audit and logs): the admin shows them, and
    at most offers the actions a subclass adds."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(admin.ModelAdmin):
    list_display = ("hostname", "token", "created_at")
    readonly_fields = ("hostname", "token", "created_at", "updated_at")


# django-otp registers its own admin for devices when imported (above); ours replaces it.
admin.site.unregister(TOTPDevice)
# Recovery codes get no admin page: one that adds codes would let an admin pass anyone's second
# factor. Resetting the authenticator app (below) removes them with it.
admin.site.unregister(StaticDevice)


@admin.register(TOTPDevice)
class AuthenticatorAppAdmin(TOTPDeviceAdmin):
    """An administrator can see who has an authenticator app and reset (delete) it with its
    recovery codes, e.g. after a lost phone. Adding or editing one here is off: whoever typed in
    the key would hold the second factor too, and OTP_ADMIN_HIDE_SENSITIVE_DATA keeps keys and
    QR codes off these pages."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def delete_model(self, request, obj):
        totp_device_reset(actor=request.user, device=obj, ip=client_ip(request))

    def delete_queryset(self, request, queryset):
        for device in queryset.select_related("user"):
            totp_device_reset(actor=request.user, device=device, ip=client_ip(request))


# DRF's token admin showed every user's key in plain text; tokens now live in core.ApiToken.
admin.site.unregister(TokenProxy)


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    """Admins see whose tokens exist and revoke them; they never see or make a key (the database
    has only a hash of each, and a token made here would let an admin act as its owner)."""

    list_display = ("name", "user", "prefix", "read_only", "expires_at", "last_used_at", "state")
    list_filter = ("read_only", "revoked_at")
    search_fields = ("name", "prefix", "user__username")
    # Never the hash; tokens are revoked, not deleted (the owner's page says why one stopped).
    fields = ("user", *SHOWN_FIELDS)
    readonly_fields = fields
    actions = ("revoke_selected",)

    @admin.display(description="State")
    def state(self, token: ApiToken) -> str:
        return token_state(token)

    @admin.action(description="Revoke the selected tokens")
    def revoke_selected(self, request, queryset):
        revoked = sum(
            api_token_revoke(actor=request.user, token=token, ip=client_ip(request))
            for token in queryset
        )
        self.message_user(request, f"Revoked {revoked} token{'s' if revoked != 1 else ''}.")
