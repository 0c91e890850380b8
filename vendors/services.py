"""Writes to vendors, offerings and contacts. Views, the API and commands all come through here,
and every write leaves a catalogue event (who, when, old and new values) in the same transaction.

Every service validates with `full_clean` and raises Django's ValidationError with messages filed
under the field they are about, so the browser form and the API both show them next to that field.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models, transaction

from core.text import typed_text_fields_clean
from core.tokens import actor_label
from vendors.models import (
    DUPLICATE_CONTACT_EMAIL,
    DUPLICATE_OFFERING_NAME,
    DUPLICATE_VENDOR_NAME,
    CatalogueAction,
    CatalogueEvent,
    Contact,
    Offering,
    Vendor,
)

VENDOR_EDITABLE_FIELDS = frozenset({"name", "website", "country", "notes"})
OFFERING_EDITABLE_FIELDS = frozenset({"name", "deployment_model", "description"})
CONTACT_EDITABLE_FIELDS = frozenset({"name", "email", "role", "phone"})

# Unique constraints on expressions (Lower(...)) report as non-field errors; users need them on the
# field they typed. Keyed by constraint name so the IntegrityError of a lost race maps the same way.
_CONSTRAINT_FIELDS = {
    "vendor_name_unique_ci": ("name", DUPLICATE_VENDOR_NAME),
    "offering_name_unique_per_vendor_ci": ("name", DUPLICATE_OFFERING_NAME),
    "contact_email_unique_per_vendor_ci": ("email", DUPLICATE_CONTACT_EMAIL),
}
_MESSAGE_FIELDS = {message: field for field, message in _CONSTRAINT_FIELDS.values()}


def _field_errors(exc: ValidationError) -> ValidationError:
    """The same errors, constraint messages moved onto their field and repeats dropped.

    A URLField carries Django's own URL validator and ours, so a bad link is reported twice.
    """
    errors: dict[str, list[str]] = {}
    for field, messages in exc.message_dict.items():
        for message in messages:
            target = _MESSAGE_FIELDS.get(message, field) if field == NON_FIELD_ERRORS else field
            if message not in errors.setdefault(target, []):
                errors[target].append(message)
    return ValidationError(errors)


def _validate_and_save(obj: models.Model, *, update_fields: list[str] | None = None) -> None:
    # Typed text first (core/text.py): NFC, no control characters, one line where one is meant.
    refused = typed_text_fields_clean(obj)
    try:
        obj.full_clean()
    except ValidationError as exc:
        raise _field_errors(ValidationError({**exc.message_dict, **refused})) from None
    if refused:
        raise ValidationError(refused)
    try:
        # A savepoint, so a lost race leaves any outer transaction usable.
        with transaction.atomic():
            obj.save(update_fields=update_fields)
    except IntegrityError as exc:
        # Two requests can both pass full_clean before either commits; the database constraint
        # then refuses the second one. Report it like the check would have, never as a 500.
        for constraint, (field, message) in _CONSTRAINT_FIELDS.items():
            if constraint in str(exc):
                raise ValidationError({field: [message]}) from exc
        raise


def catalogue_record(
    *,
    vendor: Vendor | None,
    actor: AbstractBaseUser | None,
    action: CatalogueAction,
    subject: str = "",
    old: dict | None = None,
    new: dict | None = None,
) -> CatalogueEvent:
    return CatalogueEvent.objects.create(
        vendor=vendor,
        actor=actor,
        actor_label=actor_label(actor) if actor is not None else "system",
        action=action,
        subject=subject[:200],
        old=old,
        new=new,
    )


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
    _validate_and_save(vendor)
    catalogue_record(
        vendor=vendor,
        actor=actor,
        action=CatalogueAction.VENDOR_CREATED,
        new={field: getattr(vendor, field) for field in sorted(VENDOR_EDITABLE_FIELDS)},
    )
    return vendor


def _fields_change(
    obj: models.Model, fields: dict[str, str], editable: frozenset[str], service: str
) -> tuple[dict, dict]:
    """Set `fields` on `obj`, validate and save; (old, new) of the fields whose value changed."""
    unknown = set(fields) - editable
    if unknown:
        raise TypeError(f"{service}() got fields it cannot change: {sorted(unknown)}")
    if "name" in fields:
        fields["name"] = fields["name"].strip()
    previous = {field: getattr(obj, field) for field in fields}
    for field, value in fields.items():
        setattr(obj, field, value)
    try:
        _validate_and_save(obj, update_fields=[*fields, "updated_at"])
    except ValidationError:
        # Callers re-render the object after a refusal; it must show what is stored, not the
        # refused values.
        for field, value in previous.items():
            setattr(obj, field, value)
        raise
    changed = sorted(field for field in fields if previous[field] != getattr(obj, field))
    return (
        {field: previous[field] for field in changed},
        {field: getattr(obj, field) for field in changed},
    )


@transaction.atomic
def vendor_update(*, actor: AbstractBaseUser | None, vendor: Vendor, **fields: str) -> Vendor:
    """Change only the given fields (name, website, country, notes)."""
    old, new = _fields_change(vendor, fields, VENDOR_EDITABLE_FIELDS, "vendor_update")
    if new:
        catalogue_record(
            vendor=vendor, actor=actor, action=CatalogueAction.VENDOR_UPDATED, old=old, new=new
        )
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
    _validate_and_save(offering)
    catalogue_record(
        vendor=vendor,
        actor=actor,
        action=CatalogueAction.OFFERING_CREATED,
        subject=offering.name,
        new={"name": offering.name, "deployment_model": offering.deployment_model},
    )
    return offering


@transaction.atomic
def offering_update(
    *, actor: AbstractBaseUser | None, offering: Offering, **fields: str
) -> Offering:
    """Change only the given fields (name, deployment_model, description)."""
    old, new = _fields_change(offering, fields, OFFERING_EDITABLE_FIELDS, "offering_update")
    if new:
        catalogue_record(
            vendor=offering.vendor,
            actor=actor,
            action=CatalogueAction.OFFERING_UPDATED,
            subject=offering.name,
            old=old,
            new=new,
        )
    return offering


@transaction.atomic
def contact_create(
    *,
    actor: AbstractBaseUser | None,
    vendor: Vendor,
    name: str,
    email: str,
    role: str = "",
    phone: str = "",
) -> Contact:
    contact = Contact(vendor=vendor, name=name.strip(), email=email.strip(), role=role, phone=phone)
    _validate_and_save(contact)
    catalogue_record(
        vendor=vendor,
        actor=actor,
        action=CatalogueAction.CONTACT_CREATED,
        subject=contact.name,
        new={"name": contact.name, "email": contact.email, "role": contact.role},
    )
    return contact


@transaction.atomic
def contact_update(*, actor: AbstractBaseUser | None, contact: Contact, **fields: str) -> Contact:
    """Change only the given fields (name, email, role, phone)."""
    if "email" in fields:
        fields["email"] = fields["email"].strip()
    old, new = _fields_change(contact, fields, CONTACT_EDITABLE_FIELDS, "contact_update")
    if new:
        catalogue_record(
            vendor=contact.vendor,
            actor=actor,
            action=CatalogueAction.CONTACT_UPDATED,
            subject=contact.name,
            old=old,
            new=new,
        )
    return contact
