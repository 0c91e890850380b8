"""Who a provider says a person is: its issuer and subject, tied to one user here.

The subject (`sub`) is the provider's stable id for the person; e-mail addresses and usernames
change hands, so a sign-in never finds its user by either."""

from django.conf import settings
from django.db import models

from core.models import TimeStampedModel


class SsoIdentity(TimeStampedModel):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sso_identity"
    )
    issuer = models.CharField(max_length=500)
    subject = models.CharField(max_length=255)
    last_sign_in_at = models.DateTimeField(null=True, blank=True)
    # The role-claim values the provider sent at the last sign-in, to show a person without a
    # role what the provider said about them.
    last_groups = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = "company sign-in identity"
        verbose_name_plural = "company sign-in identities"
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="sso_identity_unique_sub")
        ]

    def __str__(self) -> str:
        return f"{self.subject} at {self.issuer}"
