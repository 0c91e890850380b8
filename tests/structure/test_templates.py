"""Templates name their links with {% url %} (a renamed route then breaks loudly, not silently),
and stay readable: no line longer than a screen."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted((ROOT / "templates").rglob("*.html"))
MAX_LINE = 160
# Shown when anything may be broken, URL resolution included: plain paths on purpose.
PLAIN_PATHS_ALLOWED = {"500.html", "503.html"}
# An attribute that carries an address of this site, written as a path.
HARD_CODED = re.compile(
    r"""\b(?:href|action|src|data-[a-z-]*url|data-endpoint|data-api[a-z-]*)=["']/""", re.I
)


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_links_come_from_url_tags(path):
    if path.name in PLAIN_PATHS_ALLOWED:
        return
    found = [
        f"{number}: {line.strip()[:120]}"
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if HARD_CODED.search(line)
    ]
    assert found == []


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_line_is_longer_than_a_screen(path):
    long = [
        number
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if len(line) > MAX_LINE
    ]
    assert long == []


def test_the_evidence_item_is_written_once():
    """Every list of evidence on a page uses the one include; the script builds the same markup
    only for evidence attached while the page is open."""
    copies = [
        str(path.relative_to(ROOT))
        for path in TEMPLATES
        if "scan-status scan-" in path.read_text() and path.name != "_evidence_item.html"
    ]
    assert copies == []
