"""In a real browser, a name with a RIGHT-TO-LEFT OVERRIDE (after a stray POP DIRECTIONAL ISOLATE
that would close a plain <bdi>) reverses only itself: the words after it on the same line keep
their order. And the scripts that put typed text into the page balance it exactly as the server
does (static/js/bidi.js, core/bidi.py)."""

from pathlib import Path

from assessments.lifecycle.services import assessment_create
from core.bidi import bidi_balanced
from tests.e2e.conftest import login
from tests.factories import TEST_PASSWORD
from vendors.models import Vendor
from vendors.services import offering_create, vendor_create

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "static" / "js" / "bidi.js"
EVIL = "\u2069\u202eEvil Corp"
HEBREW = "שירות ענן"

# Where a piece of text is drawn: the left edge of the first rendered box of `needle` inside the
# element that `selector` finds.
LEFT_OF = """([selector, needle]) => {
  const walker = document.createTreeWalker(document.querySelector(selector), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.data.indexOf(needle);
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + needle.length);
    return Math.min(...Array.from(range.getClientRects(), r => r.left));
  }
  return null;
}"""


def test_a_right_to_left_name_leaves_the_rest_of_its_line_in_order(
    page, live_server, questionnaire, procurement_user
):
    procurement_user.first_name = "\u202ePat"
    procurement_user.save()
    vendor = vendor_create(actor=procurement_user, name="Evil Corp")
    # Names are refused with direction controls now (core/text.py); rows stored before keep
    # them, and must still display safely.
    Vendor.objects.filter(pk=vendor.pk).update(name=EVIL)
    offering = offering_create(
        actor=procurement_user, vendor=vendor, name=f"{HEBREW} 2026", deployment_model="saas"
    )
    assessment = assessment_create(
        actor=procurement_user, offering=offering, questionnaire=questionnaire
    )
    login(page, procurement_user.username, TEST_PASSWORD)
    page.goto(f"/assessments/{assessment.pk}/")
    left = lambda selector, needle: page.evaluate(LEFT_OF, [selector, needle])  # noqa: E731
    # "Evil Corp · <Hebrew>": the vendor first, then the offering (an override that leaks puts
    # the vendor at the far end of the line).
    assert left(".crumbs", "Evil") < left(".crumbs", HEBREW)
    # "Pat · procurement" in the top bar: the role after the name.
    assert left(".who span", "Pat") < left(".who span", "procurement")


CASES = [
    "plain",
    "\u202eopen override",
    "\u2069\u202estray isolate closer first",
    "\u202c\u202cstray embedding closers",
    "\u2067isolate \u202eand override inside\u2069 after",
    "\u2066\u202aembedding left open inside an isolate\u2069",
    "\u202b\u2068\u202c\u2069\u2069\u202c",
    "paragraph\u2029separator and \x1c others\x85",
    "שירות ענן \u202e2026",
]


def test_the_script_balances_typed_text_as_the_server_does(browser):
    page = browser.new_page()
    try:
        page.set_content("<!doctype html><title>bidi</title>")
        page.add_script_tag(content=SCRIPT.read_text())
        from_js = page.evaluate("cases => cases.map(c => window.bidiBalanced(c))", CASES)
        tag = page.evaluate("() => window.bidiIsolated('\\u2069x').outerHTML")
    finally:
        page.close()
    assert from_js == [bidi_balanced(case) for case in CASES]
    assert tag == "<bdi>x</bdi>"
