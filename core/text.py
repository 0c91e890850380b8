"""One validator for text that people type and others read: names, answers, comments,
conditions, owners, URLs, file names.

Text is normalised to NFC (so "é" typed two ways is stored one way and compares equal), Windows
line ends become "\\n", and characters that can hide or disguise what others will read are
refused with a sentence that says which one and where:

- control characters (C0, C1, DEL), byte-order marks, line and paragraph separators and lone
  surrogates (which cannot even be stored as UTF-8) everywhere, except tab and newline in
  multi-line text;
- in single-line text also Unicode direction controls (LRO, RLO, isolates, marks), which can make
  a name display in an order other than the one stored; multi-line text may keep them for
  right-to-left writing, and pages, e-mails and PDFs isolate them when shown (core/bidi.py).
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.db import models

from core.errors import ServiceError

DIRECTION_CONTROLS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_ALWAYS_REFUSED = "\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff"
_MULTI_LINE_REFUSED = re.compile(f"[{_ALWAYS_REFUSED}]")
_SINGLE_LINE_REFUSED = re.compile(f"[\t\n{_ALWAYS_REFUSED}{DIRECTION_CONTROLS}]")
_DIRECTION = re.compile(f"[{DIRECTION_CONTROLS}]")

LINE_BREAK_REFUSED = "Keep this on one line: it has a line break or tab at character {position}."
DIRECTION_REFUSED = (
    "Remove the text-direction control (U+{code:04X}) at character {position}: it can make "
    "this display in another order than the one typed."
)
CONTROL_REFUSED = (
    "Remove the invisible control character (U+{code:04X}) at character {position}; it may "
    "come from copying out of another program."
)


def multi_line_text(value: str) -> str:
    """`value` normalised, or ValidationError naming the first character refused."""
    text = normalised_text(value)
    _refuse(_MULTI_LINE_REFUSED.search(text))
    return text


def single_line_text(value: str) -> str:
    """`value` normalised and stripped, or ValidationError naming the first character refused."""
    text = normalised_text(value).strip()
    _refuse(_SINGLE_LINE_REFUSED.search(text))
    return text


def normalised_text(value: str) -> str:
    """NFC, and one kind of line end; refuses nothing (the validators above do)."""
    return unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))


def _refuse(found: re.Match | None) -> None:
    if found is None:
        return
    char, position = found.group(), found.start() + 1
    if char in "\t\n":
        message = LINE_BREAK_REFUSED
    elif _DIRECTION.match(char):
        message = DIRECTION_REFUSED
    else:
        message = CONTROL_REFUSED
    raise ValidationError(
        message.format(code=ord(char), position=position), code="invalid_character"
    )


def typed_text_fields_clean(obj) -> dict[str, list[str]]:
    """Normalises every text field of a model instance in place (single-line for CharField and
    its kin — names, URLs, e-mail addresses — multi-line for TextField) and returns the refusals
    by field name; the caller raises them with its other field errors."""
    errors: dict[str, list[str]] = {}
    for field in obj._meta.concrete_fields:
        value = getattr(obj, field.attname, None)
        if not isinstance(value, str) or not isinstance(field, models.CharField | models.TextField):
            continue
        clean = multi_line_text if isinstance(field, models.TextField) else single_line_text
        try:
            setattr(obj, field.attname, clean(value))
        except ValidationError as error:
            errors[field.name] = error.messages
    return errors


def typed_text_require(**fields: tuple[str, bool]) -> dict[str, str]:
    """`name=(value, multi_line)` for each field of a service call: the normalised values, or a
    ServiceError naming every refused field."""
    clean, errors = {}, {}
    for name, (value, multi) in fields.items():
        try:
            clean[name] = (multi_line_text if multi else single_line_text)(value or "")
        except ValidationError as error:
            errors[name] = error.messages
    if errors:
        raise ServiceError(next(iter(errors.values()))[0], field_errors=errors)
    return clean
