from django.contrib import admin
from django_otp.plugins.otp_static import admin as _static_admin  # noqa: F401  (registers it)
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.client_ip import client_ip
from core.models import WorkerHeartbeat
from core.totp import totp_device_reset


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
