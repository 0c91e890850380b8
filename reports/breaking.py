"""Break opportunities in over-long tokens of a report's HTML, before WeasyPrint lays it out.

WeasyPrint fits a line by laying out the rest of the current word with Pango; a word with no break
opportunity (a 10,000-character string, a pasted hash or URL) is laid out again for every line it
fills, which makes its cost quadratic in its length (issue 17: minutes for one report). A zero-width
space (U+200B) every few characters gives every line a break opportunity nearby, so the layout only
ever looks a line ahead.

Why U+200B: WeasyPrint honours it at the cost of one character, prints nothing for it and leaves it
out of the PDF's text, so a hash or URL copied from the PDF comes back as typed. `<wbr>` becomes a
pseudo-element box per break (several times slower, BENCHMARKS.md); a soft hyphen prints a hyphen
at the break, which would change a hash or URL on paper.

Only text is touched, never a tag, an attribute value, a comment or the content of <style>,
<script>, <title>, <textarea>, <svg> or <math>. Runs of at most THRESHOLD characters are left
alone, so ordinary words never gain a break. Inside a long run a break never splits a character
reference (`&amp;`), a base character from its combining marks, a ZWJ or virama sequence, a flag
or a surrogate pair; it comes after URL punctuation (`/ - _ . ? & =`) where the window has some.
Removing every inserted U+200B gives back the input exactly. Linear time: regular expressions
with possessive loops, one pass over the document.
"""

import re
import unicodedata

BREAK = "\u200b"
THRESHOLD = 30  # runs longer than this many characters get break opportunities
EVERY = 12  # at most this many characters between two break opportunities in such a run
_PREFER_FROM = EVERY // 2  # a piece may end early after URL punctuation, but not before this


def _ranges(codes: list[int]) -> str:
    """The body of a regex character class holding these code points, as ranges."""
    ranges: list[list[int]] = []
    for code in sorted(codes):
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges
    )


def _class(codes: list[int]) -> str:
    """A character class that stays fast: `re` checks BMP characters against a bitmap but astral
    ones range by range, so the astral part is only tried for an astral character."""
    bmp = _ranges([c for c in codes if c < 0x10000])
    astral = _ranges([c for c in codes if c >= 0x10000])
    return rf"(?:[{bmp}]|(?=[\U00010000-\U0010ffff])[{astral}])"


def _marks() -> dict[str, list[int]]:
    """Combining marks by kind: viramas (which bind the next character too) and the rest. Every
    mark in this Python's Unicode lies below U+20000 or in plane 14."""
    kinds: dict[str, list[int]] = {"mark": [], "virama": []}
    for code in (*range(0x20000), *range(0xE0000, 0xE1000)):
        char = chr(code)
        if unicodedata.category(char)[0] == "M":
            kinds["virama" if unicodedata.combining(char) == 9 else "mark"].append(code)
    return kinds


_MARKS = _marks()
# Never starts a piece: combining marks, emoji skin-tone modifiers, tag characters, and a low
# surrogate (only in malformed text: Python keeps a proper pair as one character).
_EXTEND = _class([*_MARKS["mark"], *range(0x1F3FB, 0x1F400), *range(0xE0020, 0xE0080)])
_EXTEND = rf"(?:{_EXTEND}|[\udc00-\udfff])"
# Binds the character after it as well: ZWJ (emoji sequences) and viramas (conjuncts).
_JOINER = _class([0x200D, *_MARKS["virama"]])
# A quick first test (one bitmap, one range) that the next character may be either.
_BMP_ATTACHED = _ranges([c for c in (*_MARKS["mark"], *_MARKS["virama"], 0x200D) if c < 0x10000])
_MAYBE_ATTACHED = rf"(?=[{_BMP_ATTACHED}\udc00-\udfff\U00010000-\U0010ffff])"
_REFERENCE = r"&(?:\#[0-9]{1,7}|\#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});"
_BASE = (
    rf"(?:[^&\U0001F1E6-\U0001F1FF\ud800-\udbff]|{_REFERENCE}"
    rf"|[\U0001F1E6-\U0001F1FF]{{2}}|[\ud800-\udbff][\udc00-\udfff]|.)"
)
# One unbreakable unit: a character or reference with everything that must stay attached to it.
_UNIT = rf"(?>{_BASE}(?:{_MAYBE_ATTACHED}(?:{_JOINER}{_BASE}?|{_EXTEND}))*+)"
_UNIT_RE = re.compile(_UNIT, re.S)
# A piece ends after URL punctuation when its window has some past the middle, else after EVERY.
_PREFERRED_END = r"(?:(?<=[/\-_.?&=])|(?<=&amp;))"
_PIECE_RE = re.compile(
    rf"{_UNIT}{{{_PREFER_FROM},{EVERY}}}{_PREFERRED_END}|{_UNIT}{{1,{EVERY}}}", re.S
)
# Most long runs (hashes, URLs, pasted strings, words in most scripts) hold none of the above; for
# them a unit is a character, and the plain pattern is several times faster.
_SPECIAL_RE = re.compile(
    rf"[&\U0001F1E6-\U0001F1FF\ud800-\udfff]|{_MAYBE_ATTACHED}(?:{_JOINER}|{_EXTEND})"
)
_PLAIN_PIECE_RE = re.compile(rf".{{{_PREFER_FROM},{EVERY}}}{_PREFERRED_END}|.{{1,{EVERY}}}", re.S)

# What ends a run: white space that allows a line break (not U+00A0, U+2007 or U+202F, which
# forbid one), a U+200B already there, and the ideographs of Chinese, Japanese and Korean, which
# have a break opportunity on each side already. Small kana and the prolonged sound mark have
# none before them, so they count as run characters: a break never lands next to an ideograph.
_SPACES = "\t\n\x0b\x0c\r \u1680\u2000-\u2006\u2008-\u200b\u2028\u2029\u205f\u3000"
_IDEOGRAPHS = (
    "\u3042\u3044\u3046\u3048\u304a-\u3062\u3064-\u3082\u3084\u3086\u3088-\u308d\u308f-\u3094"
    "\u30a2\u30a4\u30a6\u30a8\u30aa-\u30c2\u30c4-\u30e2\u30e4\u30e6\u30e8-\u30ed\u30ef-\u30fa"
    "\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff\U00020000-\U0003ffff"
)
_ENDS_RUN = f"{_SPACES}{_IDEOGRAPHS}"
# Markup that is not text (a comment; an element whose content is not laid out as text, or not by
# the text layout; a tag with its attributes), or else a run of text longer than THRESHOLD. A run
# starts only after a character that ends one (the lookbehind), so each is scanned once; `<` is
# never part of one.
_MARKUP_OR_RUN_RE = re.compile(
    r"""<!--.*?(?:-->|\Z)
    |<(style|script|title|textarea|svg|math)\b
      (?:[^'">]|"[^"]*"|'[^']*')*+(?:>.*?(?:</\1\s*>|\Z)|\Z)
    |<[a-z/!?](?:[^'">]|"[^"]*"|'[^']*')*+(?:>|\Z)"""
    rf"|(?P<run>(?<![^{_ENDS_RUN}<>])[^{_ENDS_RUN}<]{{{THRESHOLD + 1},}})",
    re.S | re.I | re.X,
)


def _broken(run: str) -> str:
    if _SPECIAL_RE.search(run) is None:
        return BREAK.join(_PLAIN_PIECE_RE.findall(run))
    if len(_UNIT_RE.findall(run)) <= THRESHOLD:  # long only in its references or marks
        return run
    return BREAK.join(_PIECE_RE.findall(run))


def break_long_words(html: str) -> str:
    """`html` with a U+200B at least every EVERY characters inside each run of text longer than
    THRESHOLD characters, and otherwise unchanged."""
    out, position = [], 0
    for match in _MARKUP_OR_RUN_RE.finditer(html):
        if match.lastgroup == "run":
            out.append(html[position : match.start()])
            out.append(_broken(match.group()))
            position = match.end()
    out.append(html[position:])
    return "".join(out)
