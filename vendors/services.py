"""Writes to vendors, offerings and contacts. Views, the API and commands all come through here."""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from vendors.models import Offering, Vendor


@transaction.atomic
def vendor_create(
    *,
    actor: AbstractBaseUser | None,
    name: str,
    website: str = "",
    country: str = "",
    notes: str = "",
) -> Vendor:
    vendor = Vendor(
        name=name.strip(), website=website, country=country, notes=notes, created_by=actor
    )
    vendor.full_clean()
    vendor.save()
    return vendor


@transaction.atomic
def offering_create(
    *,
    actor: AbstractBaseUser | None,
    vendor: Vendor,
    name: str,
    deployment_model: str,
    description: str = "",
) -> Offering:
    offering = Offering(
        vendor=vendor, name=name.strip(), deployment_model=deployment_model, description=description
    )
    offering.full_clean()
    offering.save()
    return offering
