from django.contrib import admin

from core.admin import ReadOnlyAdmin
from sso.models import SsoIdentity


@admin.register(SsoIdentity)
class SsoIdentityAdmin(ReadOnlyAdmin):
    """Who signs in through the provider, and what its last sign-in said. Written only by a
    sign-in: an identity tied to another user here would hand that account to the provider's
    person. To cut someone off, deactivate the user (refused at the next sign-in)."""

    list_display = ("user", "subject", "issuer", "last_sign_in_at")
    search_fields = ("user__username", "subject")
    fields = ("user", "issuer", "subject", "last_sign_in_at", "last_groups", "created_at")
    readonly_fields = fields
