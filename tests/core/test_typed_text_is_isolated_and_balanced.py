"""core/bidi.py: typed text goes into an isolate (a <bdi>, or FSI ... PDI where no markup can go),
balanced first so that nothing in it can close that isolate or leave an override open, and
escaped exactly once."""

import pytest
from django.template import Context, Template
from django.utils.html import format_html

from core.bidi import FSI, PDF, PDI, bidi_balanced, isolate, isolate_text, isolates_to_bdi

RLO, RLE, RLI, LRE = "\u202e", "\u202b", "\u2067", "\u202a"


@pytest.mark.parametrize(
    ("typed", "balanced"),
    [
        ("Acme", "Acme"),
        ("שירות ענן 2", "שירות ענן 2"),
        (f"{RLO}Evil", f"{RLO}Evil{PDF}"),  # an override left open is closed at the end
        (f"{PDI}{RLO}Evil", f"{RLO}Evil{PDF}"),  # a PDI with no isolate of its own is dropped
        (f"{PDF}{PDF}Evil", "Evil"),  # and so is a PDF with no embedding of its own
        (f"{RLI}x{PDF}y{PDI}z", f"{RLI}xy{PDI}z"),  # a PDF cannot close an isolate
        (f"{RLI}{LRE}x{PDI}y", f"{RLI}{LRE}x{PDI}y"),  # a PDI closes the embeddings inside it
        (f"{RLE}{RLI}x", f"{RLE}{RLI}x{PDI}{PDF}"),  # innermost closed first
        ("a\u2029b\x85c", "a b c"),  # paragraph separators would end the isolate
    ],
)
def test_balancing_keeps_what_the_text_closes_itself_and_closes_the_rest(typed, balanced):
    assert bidi_balanced(typed) == balanced


def test_isolate_escapes_once_and_wraps_in_bdi():
    assert isolate(f'<b>"{PDI}x') == "<bdi>&lt;b&gt;&quot;x</bdi>"
    assert isolate(format_html("<p>{}</p>", "a&b")) == "<bdi><p>a&amp;b</p></bdi>"  # safe: kept


def test_isolate_text_wraps_plain_text_in_isolate_characters():
    assert isolate_text(f"<b>{RLO}") == f"{FSI}<b>{RLO}{PDF}{PDI}"


def test_a_sentence_built_with_isolate_text_becomes_html_with_a_bdi_for_each_typed_part():
    sentence = f"{isolate_text('<ada>')} accepted “{isolate_text(f'{RLI}x{PDI} & {RLO}y')}”"
    assert isolates_to_bdi(sentence) == (
        f"<bdi>&lt;ada&gt;</bdi> accepted “<bdi>{RLI}x{PDI} &amp; {RLO}y{PDF}</bdi>”"
    )
    assert isolates_to_bdi(sentence[:-3]) == isolates_to_bdi(sentence)[:-8] + "</bdi>"


def test_the_template_filters_escape_where_the_template_does():
    template = Template(
        "{% load bidi %}{{ v|isolate }}|{{ v|isolate_text }}|"
        "{% autoescape off %}{{ v|isolate_text }}{% endautoescape %}"
    )
    assert template.render(Context({"v": "a&b"})) == (
        f"<bdi>a&amp;b</bdi>|{FSI}a&amp;b{PDI}|{FSI}a&b{PDI}"
    )
