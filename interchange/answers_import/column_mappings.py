"""Column mappings: a home-made questionnaire format, described once and saved by name."""

import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from core.errors import NotAllowed, ServiceError
from core.permissions import can_answer
from core.text import single_line_text
from interchange.models import ColumnMapping
from interchange.models.answers_import import DUPLICATE_MAPPING_NAME

NOT_ALLOWED = "Only procurement and administrators define column mappings."
REQUIRED = "This field is required."
NO_LINKS = "Link at least one of the file's question ids to one of our questions."
BAD_LINE = (
    "Line {n}: write the file's question id, “=”, then our question's key "
    "(SEC-12 = basics.admin_mfa)."
)
UNKNOWN_KEY = "Line {n}: “{key}” is not a question of this questionnaire."
REPEATED_LINK = "Line {n}: {source} is already linked to {key} above."
MAX_LINKS = 2_000
TOO_MANY = f"At most {MAX_LINKS:,} links in one mapping."
_SEPARATOR = re.compile(r"\s*(?:=|→|->|\t|;|,)\s*")


def links_parse(text: str, structure) -> tuple[list[dict], list[str]]:
    links, errors, seen = [], [], set()
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = [p.strip() for p in _SEPARATOR.split(line.strip(), maxsplit=1)]
        if len(parts) != 2 or not all(parts):
            errors.append(BAD_LINE.format(n=n))
            continue
        source, key = parts
        if structure.question(key) is None:
            errors.append(UNKNOWN_KEY.format(n=n, key=key[:80]))
        elif (source, key) in seen:
            errors.append(REPEATED_LINK.format(n=n, source=source[:80], key=key))
        else:
            seen.add((source, key))
            links.append({"source": source[:120], "question": key})
    if not links and not errors:
        errors.append(NO_LINKS)
    if len(links) > MAX_LINKS:
        errors.append(TOO_MANY)
    return links, errors


def links_text(mapping: ColumnMapping) -> str:
    return "\n".join(f"{link['source']} = {link['question']}" for link in mapping.links)


def column_mapping_save(
    *, actor, structure, mapping: ColumnMapping | None, fields: dict
) -> ColumnMapping:
    """Creates (mapping None) or changes a column mapping; the links are checked against the
    questionnaire of the assessment it was defined from."""
    if not can_answer(actor):
        raise NotAllowed(NOT_ALLOWED)
    errors: dict[str, list[str]] = {}
    values = {}
    for name in ("name", "sheet", "id_column", "answer_column", "notes_column"):
        try:
            values[name] = single_line_text(fields.get(name) or "")
        except ValidationError as refused:  # a control or direction character
            errors[name] = refused.messages
            continue
        if name in ("name", "id_column", "answer_column") and not values[name]:
            errors[name] = [REQUIRED]
    links, link_errors = links_parse(fields.get("links") or "", structure)
    if link_errors:
        errors["links"] = link_errors
    if errors:
        raise ServiceError("The column mapping was not saved.", field_errors=errors)
    target = mapping or ColumnMapping(created_by=actor)
    for name, value in values.items():
        setattr(target, name, value)
    target.links, target.updated_by = links, actor
    try:
        with transaction.atomic():
            target.save()
    except IntegrityError as clash:
        raise ServiceError(
            DUPLICATE_MAPPING_NAME, field_errors={"name": [DUPLICATE_MAPPING_NAME]}
        ) from clash
    return target
