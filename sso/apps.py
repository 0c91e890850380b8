from django.apps import AppConfig


class SsoConfig(AppConfig):
    name = "sso"
    verbose_name = "Company sign-in"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # A wrong OIDC_* setting stops every process at start, naming the setting, rather than
        # failing the first person who tries to sign in.
        from sso.config import settings_check

        settings_check()
