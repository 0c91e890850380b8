from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Platform"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from core.signals import stamp_sign_in
        from core.tokens.signals import connect as connect_token_signals

        user_logged_in.connect(stamp_sign_in, dispatch_uid="core.stamp_sign_in")
        connect_token_signals()
