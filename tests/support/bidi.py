"""Finds text on a page that could reorder what follows it: right-to-left letters, directional
embeddings, overrides and isolates, or paragraph separators outside an isolate of their own.

Shown text counts as isolated inside a <bdi> whose content cannot close it early (no stray POP
DIRECTIONAL ISOLATE), or between isolate characters (FSI ... PDI) in the same piece of text: how
sentences built in Python, and <title>/<option> labels that hold no markup, isolate what they quote.
<textarea>, <script> and <style> are skipped: an editing box is a paragraph of its own, and the
others are not shown. So is an SVG <text>, laid out on its own: the charts put one label in each.
A block boundary does not count: the rule is "every typed value in a <bdi>", which a template
author can follow without knowing which parts of a line are safe.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser

OPEN_EMBEDDING = set("\u202a\u202b\u202d\u202e")
OPEN_ISOLATE = set("\u2066\u2067\u2068")
PDF, PDI = "\u202c", "\u2069"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
PLAIN_TEXT = {"title", "option"}
SKIPPED = {"textarea", "script", "style", "text"}


def reorders(ch: str) -> bool:
    """Can this character move or reverse its neighbours? (A line break in the source is not one:
    HTML collapses it into a space.)"""
    if ch in OPEN_EMBEDDING or ch in OPEN_ISOLATE or ch in (PDF, PDI):
        return True
    return unicodedata.bidirectional(ch) in {"R", "AL", "B"} and ch not in "\n\r"


@dataclass
class Element:
    tag: str
    parent: "Element | None"
    children: list = field(default_factory=list)  # Element or str

    def path(self) -> str:
        node, names = self, []
        while node is not None and node.tag != "#root":
            names.append(node.tag)
            node = node.parent
        return " > ".join(reversed(names))


class _Tree(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Element("#root", None)

    def handle_starttag(self, tag, attrs):
        element = Element(tag, self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:  # an end tag with no start is ignored
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def _shown_text(element: Element, *, into_bdi: bool) -> str:
    """The element's text, without the content of <bdi>s inside it unless `into_bdi`."""
    parts = []
    for child in element.children:
        if isinstance(child, str):
            parts.append(child)
        elif child.tag not in SKIPPED and (into_bdi or child.tag != "bdi"):
            parts.append(_shown_text(child, into_bdi=into_bdi))
    return "".join(parts)


def _leaks_from_bdi(text: str) -> str | None:
    """A PDI that closes the <bdi> itself lets what follows it out; that is the only way out."""
    isolates = 0
    for i, ch in enumerate(text):
        if ch in OPEN_ISOLATE:
            isolates += 1
        elif ch == PDI:
            if not isolates:
                return text[max(0, i - 20) : i + 40]
            isolates -= 1
        elif unicodedata.bidirectional(ch) == "B" and ch not in "\n\r":
            return text[max(0, i - 20) : i + 40]
    return None


def _outside_isolate_characters(text: str) -> str | None:
    """In plain text: the first reordering character not between isolate characters, or an isolate
    left open (it would take the rest of the text in)."""
    closers: list[str] = []  # what closes each thing still open, innermost last
    for i, ch in enumerate(text):
        if ch in OPEN_ISOLATE:
            closers.append(PDI)
        elif ch == PDI:
            while PDI in closers and closers.pop() != PDI:
                pass
        elif ch == PDF:
            if closers and closers[-1] == PDF:
                closers.pop()
        elif PDI not in closers and reorders(ch):
            return text[max(0, i - 20) : i + 40]
        elif ch in OPEN_EMBEDDING:
            closers.append(PDF)
    return "an isolate is left open" if PDI in closers else None


def unisolated_text(text: str) -> str | None:
    """For plain text (an e-mail): the first reordering character outside isolate characters."""
    return _outside_isolate_characters(text)


def unisolated(html: str) -> list[str]:
    """Every place on the page where typed text could reorder the text after it, described."""
    parser = _Tree()
    parser.feed(html)
    parser.close()
    problems: list[str] = []
    _walk(parser.root, problems)
    return problems


def _walk(element: Element, problems: list[str], isolated: bool = False) -> None:
    if element.tag in SKIPPED:
        return
    if element.tag in PLAIN_TEXT:
        where = _outside_isolate_characters(_shown_text(element, into_bdi=True))
        if where is not None:
            problems.append(f"{element.path()}: not between isolate characters: {where!r}")
        return
    if element.tag == "bdi":
        isolated = True
        leak = _leaks_from_bdi(_shown_text(element, into_bdi=False))
        if leak is not None:
            problems.append(f"{element.path()}: the value closes its own <bdi>: {leak!r}")
    for child in element.children:
        if isinstance(child, Element):
            _walk(child, problems, isolated)
        elif not isolated:
            where = _outside_isolate_characters(child)
            if where is not None:
                problems.append(f"{element.path()}: not in a <bdi>: {where!r}")


def without_isolates(text: str) -> str:
    """`text` as it reads, for tests that look for a sentence: without the <bdi> tags and isolate
    characters that keep typed values in place."""
    return re.sub(r"</?bdi>", "", text).translate(dict.fromkeys(map(ord, OPEN_ISOLATE | {PDI})))
