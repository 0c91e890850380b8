from django.conf import settings
from django.db import models
from django.db.models.functions import Lower

from core.models import UUIDModel
from vendors.validators import web_url_validator

DUPLICATE_VENDOR_NAME = "A vendor with this name already exists."
DUPLICATE_OFFERING_NAME = "This vendor already has an offering with this name."
DUPLICATE_CONTACT_EMAIL = "This vendor already has a contact with this e-mail address."


class Vendor(UUIDModel):
    name = models.CharField(max_length=200)
    website = models.URLField(blank=True, validators=[web_url_validator])
    country = models.CharField(max_length=100, blank=True)
    notes = models.TextField(blank=True, max_length=10_000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="vendor_name_unique_ci",
                violation_error_message=DUPLICATE_VENDOR_NAME,
            )
        ]

    def __str__(self) -> str:
        return self.name


class Offering(UUIDModel):
    class Deployment(models.TextChoices):
        SAAS = "saas", "SaaS"
        ON_PREM = "on_prem", "On-premises"
        HYBRID = "hybrid", "Hybrid (on-premises data plane, SaaS control plane)"

    vendor = models.ForeignKey(Vendor, on_delete=models.CASCADE, related_name="offerings")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True, max_length=10_000)
    deployment_model = models.CharField(max_length=16, choices=Deployment.choices)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                "vendor",
                Lower("name"),
                name="offering_name_unique_per_vendor_ci",
                violation_error_message=DUPLICATE_OFFERING_NAME,
            ),
            models.CheckConstraint(
                condition=models.Q(deployment_model__in=["saas", "on_prem", "hybrid"]),
                name="offering_deployment_model_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.vendor.name} — {self.name}"


class Contact(UUIDModel):
    vendor = models.ForeignKey(Vendor, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200)
    email = models.EmailField()
    role = models.CharField(max_length=200, blank=True, help_text="Job title or function.")
    phone = models.CharField(max_length=50, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                "vendor",
                Lower("email"),
                name="contact_email_unique_per_vendor_ci",
                violation_error_message=DUPLICATE_CONTACT_EMAIL,
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"


class CatalogueAction(models.TextChoices):
    """Every kind of change to the catalogue, with the sentence its history shows after the
    actor's name ("pat added an offering")."""

    VENDOR_CREATED = "vendor.created", "added the vendor"
    VENDOR_UPDATED = "vendor.updated", "changed the vendor's details"
    OFFERING_CREATED = "offering.created", "added an offering"
    OFFERING_UPDATED = "offering.updated", "changed an offering"
    CONTACT_CREATED = "contact.created", "added a contact"
    CONTACT_UPDATED = "contact.updated", "changed a contact"
    VENDOR_LIST_IMPORTED = "vendor_list.imported", "imported a vendor list"
    TIER_ASSESSED = "tier.assessed", "answered an offering's inherent-risk questions"
    TIER_OVERRIDDEN = "tier.overridden", "overrode an offering's tier"


class CatalogueEvent(models.Model):
    """One row per change to a vendor, its offerings or its contacts: who, when, what, the old
    and the new values. Append-only (the model refuses changes; so does the database).

    An event about the catalogue as a whole (an imported vendor list, which touches many vendors
    at once) has no vendor; the changes it made to each vendor are that vendor's own events."""

    # PROTECT: a vendor with a history keeps it; so does a user who ever acted.
    vendor = models.ForeignKey(
        Vendor, null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Kept as text too, so the history still reads right after a user is renamed or removed.
    actor_label = models.CharField(max_length=200)
    action = models.CharField(max_length=32, choices=CatalogueAction.choices)
    subject = models.CharField(max_length=200, blank=True, help_text="The offering or contact.")
    old = models.JSONField(null=True, blank=True)
    new = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action}"

    def save(self, *args, **kwargs):
        # Integrity guard, not a business rule: history that can be edited is not history.
        if self.pk is not None:
            raise ValueError("Catalogue events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Catalogue events are append-only.")
