from django.apps import AppConfig


class TieringConfig(AppConfig):
    name = "tiering"
    verbose_name = "Vendor tiers and review cadence"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # A broken rules file stops every process at start, naming the file and the place.
        from tiering.rules import current_rules

        current_rules()
