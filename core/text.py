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
    text = _normalised(value)
    _refuse(_MULTI_LINE_REFUSED.search(text))
    return text


def single_line_text(value: str) -> str:
    """`value` normalised and stripped, or ValidationError naming the first character refused."""
    text = _normalised(value).strip()
    _refuse(_SINGLE_LINE_REFUSED.search(text))
    return text


def _normalised(value: str) -> str:
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
