"""Typed text shown inside our own sentences, kept from reordering the rest of the line.

A vendor name that starts with U+202E RIGHT-TO-LEFT OVERRIDE, or Hebrew text followed by a date,
would otherwise reverse or move the words after it ("grade A" can read as "A edarg", a number can
jump to the other side of a name). Unicode ends an override at the end of a paragraph or of an
isolate, so every such value is put in one: `<bdi>` in HTML (`isolate`), FIRST STRONG ISOLATE ...
POP DIRECTIONAL ISOLATE characters where no markup is possible (`isolate_text`: page titles,
<option> labels, plain-text e-mail). Both first balance the value (`bidi_balanced`), because a stray
POP DIRECTIONAL ISOLATE inside the value would otherwise close our isolate early and let the rest
of it leak out.
"""

import re

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

FSI, PDI, PDF = "\u2068", "\u2069", "\u202c"
_OPEN_EMBEDDING = frozenset("\u202a\u202b\u202d\u202e")  # LRE, RLE, LRO, RLO
_OPEN_ISOLATE = frozenset("\u2066\u2067\u2068")  # LRI, RLI, FSI
# Paragraph separators that HTML does not collapse: the bidi algorithm would end our isolate there.
_PARAGRAPH_BREAKS = str.maketrans(dict.fromkeys("\x1c\x1d\x1e\x85\u2029", " "))
# Any character either function acts on. Most text has none: a long history page puts a hundred
# sentences through here, and walking each character of each one was most of its render time.
_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\x1c\x1d\x1e\x85\u2029]")
_ISOLATE_CONTROL = re.compile("([\u2066-\u2069])")


def bidi_balanced(text: str) -> str:
    """`text` with every embedding, override and isolate it opens closed at its end, every closer
    that has nothing of its own to close dropped, and paragraph separators made spaces."""
    if not _CONTROLS.search(text):
        return text
    out: list[str] = []
    opened: list[str] = []  # PDF or PDI: what closes each thing still open, innermost last
    for ch in text.translate(_PARAGRAPH_BREAKS):
        if ch in _OPEN_EMBEDDING or ch in _OPEN_ISOLATE:
            opened.append(PDF if ch in _OPEN_EMBEDDING else PDI)
        elif ch == PDF:
            if not opened or opened[-1] != PDF:
                continue  # an isolate of the value's own, or nothing, is innermost: PDF is a no-op
            opened.pop()
        elif ch == PDI:
            if PDI not in opened:
                continue  # it would close an isolate opened outside the value
            while opened.pop() != PDI:  # a PDI also closes the embeddings inside its isolate
                pass
        out.append(ch)
    return "".join(out) + "".join(reversed(opened))


# Balancing escaped HTML keeps it safe: it only drops and adds direction controls, never `<&>"'`.
def isolate(value: object) -> SafeString:
    """`value`, escaped unless already safe HTML, in a <bdi> element."""
    balanced = mark_safe(bidi_balanced(conditional_escape(value)))  # noqa: S308
    return format_html("<bdi>{}</bdi>", balanced)


def isolate_text(value: object) -> str:
    """`value` between FSI and PDI, for plain text: nothing is escaped."""
    return f"{FSI}{bidi_balanced(str(value))}{PDI}"


def isolate_escaped_text(value: object) -> SafeString:
    """`value`, escaped unless already safe HTML, between FSI and PDI: for HTML that holds no
    markup (<title>, <option>)."""
    return mark_safe(isolate_text(conditional_escape(value)))  # noqa: S308


def isolates_to_bdi(text: object) -> SafeString:
    """Plain text built with `isolate_text` (a history sentence, a departure reason), as HTML:
    escaped, and each FSI ... PDI part a <bdi> instead, since markup is the better isolate where
    there can be some (it is not copied, searched or read aloud with the words)."""
    out: list[str] = []
    depth = 0  # isolates open inside the current <bdi>, its own FSI included
    # Split at the isolate controls: the runs between them are copied whole.
    for part in _ISOLATE_CONTROL.split(conditional_escape(text)):
        if len(part) != 1 or not _ISOLATE_CONTROL.match(part):
            out.append(part)
            continue
        if depth == 0 and part == FSI:
            out.append("<bdi>")
            depth = 1
            continue
        if depth and part in _OPEN_ISOLATE:
            depth += 1
        elif depth and part == PDI:
            depth -= 1
            if depth == 0:
                out.append("</bdi>")
                continue
        out.append(part)
    return mark_safe("".join(out) + ("</bdi>" if depth else ""))  # noqa: S308
