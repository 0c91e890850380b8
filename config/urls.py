from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from assessments.home.views import dashboard
from core import health, totp_views
from core.metrics import metrics
from core.preferences import account_preferences
from core.sign_in import SignInView
from core.tokens.api import obtain_token, token_list, token_revoke
from core.tokens.views import account_token_revoke, account_tokens
from sso import views as sso_views

api_v1 = [
    path("auth/token/", obtain_token, name="api-token"),
    path("auth/tokens/", token_list, name="api-tokens"),
    path("auth/tokens/<uuid:pk>/revoke/", token_revoke, name="api-token-revoke"),
    path("", include("vendors.api_urls")),
    path("", include("assessments.api.urls")),
    path("", include("reports.api_urls")),
    path("", include("webhooks.api_urls")),
]

urlpatterns = [
    path("", dashboard, name="dashboard"),
    path(
        "accounts/login/",
        SignInView.as_view(),
        name="login",
    ),
    path("accounts/login/code/", totp_views.login_code, name="login-code"),
    path("accounts/login/recovery/", totp_views.login_recovery_code, name="login-recovery"),
    path("accounts/logout/", sso_views.sign_out, name="logout"),
    path("accounts/sso/", include("sso.urls")),
    path("accounts/security/", totp_views.account_security, name="account-security"),
    path("accounts/preferences/", account_preferences, name="account-preferences"),
    path("accounts/tokens/", account_tokens, name="account-tokens"),
    path("accounts/tokens/<uuid:pk>/revoke/", account_token_revoke, name="account-token-revoke"),
    path("accounts/security/totp/setup/", totp_views.totp_setup, name="totp-setup"),
    path("accounts/security/totp/confirm/", totp_views.totp_confirm, name="totp-confirm"),
    path("accounts/security/totp/remove/", totp_views.totp_remove, name="totp-remove"),
    path(
        "accounts/security/recovery-codes/regenerate/",
        totp_views.recovery_codes_regenerate,
        name="recovery-codes-regenerate",
    ),
    # Before the vendor pages: "import" must never be read as a vendor's id there.
    path("vendors/import/", include("interchange.vendor_urls")),
    path("vendors/", include("vendors.urls")),
    path("vendors/", include("tiering.urls")),
    path("assessments/", include("assessments.urls")),
    path("assessments/", include("interchange.urls")),
    path("reports/", include("reports.urls")),
    path("webhooks/", include("webhooks.urls")),
    path("vendor/", include("assessments.portal.urls")),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("admin/", admin.site.urls),
    # Answered by core.health.ProbeMiddleware before host validation; listed here so that every
    # URL of the site is in one place (and reverse() knows them).
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("metrics", metrics, name="metrics"),
]

# No settings, no traceback on the error page; the request id links it to the server log.
handler400 = "core.views.bad_request"
handler404 = "core.views.not_found"
handler500 = "core.views.server_error"
