"""Every page of the site, as every role and as the invited vendor, at a phone's width (390 by 844)
and a laptop's (1366 by 900): nothing scrolls sideways, axe-core finds no serious or critical
accessibility violation, and the Content-Security-Policy refuses nothing the page needs.

The pages come from the URL resolver and tests/permissions/matrix.py: every browser route a role
may GET is visited with the objects tests/permissions/conftest.Site builds through the real
services (an assessment in each state), so a page added to the site is swept as soon as it has its
matrix entry. Screenshots go to var/screenshots/<width>/<page>.png for people to
look at (var/ is git-ignored; nothing in .ci/run deletes it).
"""

import re
import shutil
import time
from pathlib import Path

from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from tests.assessments.helpers import answer_all, decide
from tests.permissions.conftest import Site, is_api, site_routes
from tests.permissions.matrix import ALLOW, PRINCIPALS, ROUTES

ROOT = Path(__file__).resolve().parents[2]
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
SHOTS = ROOT / "var" / "screenshots"
SIZES = ({"width": 390, "height": 844}, {"width": 1366, "height": 900})
ROLES = ("procurement", "architect", "viewer", "admin")
SHOT_HEIGHT = 3000

# The vendor's pages need a vendor session and are swept as the vendor, below.
VENDOR_PREFIX = "vendor/"

# The same page for an assessment in each state, beside the state Site picks for the route.
EVERY_STATE = {
    "assessments/<uuid:pk>/": ("draft", "submitted", "decided", "with_conditions"),
    "assessments/<uuid:pk>/form/": ("reassessed", "in_review"),
    "reports/preview/<uuid:pk>/": ("decided", "with_conditions"),
}

OVERFLOW = """() => {
  const el = document.documentElement;
  if (el.scrollWidth <= window.innerWidth) return null;
  // Name the elements that reach past the right edge, deepest first, to say what to fix.
  const wide = [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
    .filter(e => !e.closest('.table-scroll, [data-scrolls]'))
    .slice(-3)
    .map(e => e.tagName.toLowerCase()
      + (e.className ? '.' + String(e.className).split(' ')[0] : ''));
  return `${el.scrollWidth}px wide in ${window.innerWidth}px: ${wide.join(', ')}`;
}"""

# Folded parts (the invitation form, "attach evidence") are opened, so they are measured and
# checked too; each dialog is opened in turn and must fit the screen.
UNFOLD = "() => document.querySelectorAll('details').forEach(d => { d.open = true; })"
DIALOGS = """() => [...document.querySelectorAll('dialog')].flatMap(dialog => {
  dialog.showModal();
  const box = dialog.getBoundingClientRect();
  dialog.close();
  const fits = box.left >= 0 && box.right <= window.innerWidth;
  return fits ? [] : [`dialog #${dialog.id} spans ${box.left}px to ${box.right}px`];
})"""

AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.id} (${v.impact}): ${v.help} at `
      + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
}"""


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "dashboard"


class Sweep:
    """One browser page per visitor, sized in turn to each width; problems are collected, not
    raised, so one run lists every page that needs work."""

    def __init__(self, browser, base_url: str) -> None:
        self.browser, self.base_url = browser, base_url
        self.problems: list[str] = []
        self.visited: list[str] = []
        self.timings: list[tuple[float, str]] = []

    def open(self, *, session_key: str | None = None):
        context = self.browser.new_context(base_url=self.base_url, viewport=SIZES[0])
        context.set_default_timeout(15_000)
        # An init script is not subject to the page's CSP, which allows no inline script: axe gets
        # in without loosening the policy the pages are checked under.
        context.add_init_script(path=str(AXE))
        if session_key:
            context.add_cookies(
                [{"name": settings.SESSION_COOKIE_NAME, "value": session_key, "url": self.base_url}]
            )
        page = context.new_page()
        page.on(
            "console",
            lambda m: (
                "Content Security Policy" in m.text
                and self.problems.append(f"{page.url}: CSP refused something: {m.text[:200]}")
            ),
        )
        return page

    def check(self, page, path: str, name: str, *, status=200, axe_wide=False) -> None:
        """Visit `path` and check it at every width (axe at the wide one too if `axe_wide`)."""
        response = page.goto(path)
        self.visited.append(name)
        if response is None or response.status != status:
            got = response.status if response else "no response"
            self.problems.append(f"{name} ({path}): answered {got}, expected {status}")
            return
        self.check_loaded(page, name, axe_wide=axe_wide)

    def check_loaded(self, page, name: str, *, axe_wide: bool = False) -> None:
        started = time.perf_counter()
        page.wait_for_load_state("load")
        page.evaluate(UNFOLD)
        for size in SIZES:
            page.set_viewport_size(size)
            where = f"{name} at {size['width']}px"
            overflow = page.evaluate(OVERFLOW)
            if overflow:
                self.problems.append(f"{where} scrolls sideways: {overflow}")
            for dialog in page.evaluate(DIALOGS):
                self.problems.append(f"{where}: {dialog} in a {size['width']}px screen")
            # axe reads the same markup at both widths; what only the wide layout shows (the
            # navigation, folded away on a phone) is the same on every page of a visitor.
            if size is SIZES[0] or axe_wide:
                for violation in page.evaluate(AXE_RUN):
                    self.problems.append(f"{where}: {violation}")
            self.screenshot(page, size, name)
        page.set_viewport_size(SIZES[0])
        self.timings.append((time.perf_counter() - started, name))

    @staticmethod
    def screenshot(page, size: dict, name: str) -> None:
        """The page from its top, at most SHOT_HEIGHT tall: enough for a person to see the layout,
        without encoding the whole of a 60-question form twice per visitor."""
        folder = SHOTS / str(size["width"])
        folder.mkdir(parents=True, exist_ok=True)
        height = min(page.evaluate("document.documentElement.scrollHeight"), SHOT_HEIGHT)
        clip = {"x": 0, "y": 0, "width": size["width"], "height": height}
        page.screenshot(path=str(folder / f"{name}.png"), full_page=True, clip=clip)


def _session_key(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _is_page(client: Client, path: str) -> bool:
    """Whether `path` answers with a whole HTML page: not a download (evidence, PDF, CSV, XLSX),
    not a fragment a script swaps in, not a step that only redirects (the second-factor pages of
    a user without an authenticator app)."""
    response = client.get(path)
    if response.status_code >= 500:
        raise AssertionError(f"{path} answered {response.status_code}")
    if response.streaming or response.status_code != 200:
        return False
    html = response["Content-Type"].startswith("text/html")
    return (
        html
        and "attachment" not in response.get("Content-Disposition", "")
        and (b"<html" in response.content[:500])
    )


def _pages_for(principal: str) -> list[str]:
    """The browser routes `principal` may GET, straight from the resolver and the matrix."""
    column = 1 + PRINCIPALS.index(principal)
    found = []
    for route in site_routes():
        # A route without an entry fails test_every_route_has_an_entry; it is swept once it has one.
        get = ROUTES.get(route, {}).get("GET")
        if get is None or is_api(route) or route.startswith(VENDOR_PREFIX):
            continue
        if get[column] == ALLOW:
            found.append(route)
    return found


def _with_conditions(site: Site):
    """Approved with conditions: the conditions tracker and the dashboards have a row to show."""
    from assessments.lifecycle import assessment_submit
    from assessments.review.services import review_start

    assessment = site._new()
    answer_all(assessment, site.user("procurement"), pick="worst")
    assessment_submit(actor=site.user("procurement"), assessment_pk=assessment.pk)
    review_start(actor=site.user("architect"), assessment_pk=assessment.pk)
    return decide(
        actor=site.user("architect"),
        assessment_pk=assessment.pk,
        decision="approved_with_conditions",
        rationale="Acceptable for the pilot while the vendor moves its keys into an HSM.",
    )


def test_every_page_fits_a_phone_and_has_no_serious_accessibility_violation(
    browser, live_server, questionnaire
):
    shutil.rmtree(SHOTS, ignore_errors=True)  # no screenshot of a page that is gone
    site = Site(questionnaire)
    site.with_conditions = _with_conditions(site)
    sweep = Sweep(browser, live_server.url)

    for role in ROLES:
        key = _session_key(site.user(role))
        client = Client()
        client.cookies[settings.SESSION_COOKIE_NAME] = key
        page = sweep.open(session_key=key)
        for number, route in enumerate(_pages_for(role)):
            if not _is_page(client, site.path(route)):
                continue
            sweep.check(page, site.path(route), f"{role}-{_slug(route)}", axe_wide=number == 0)
            # The other states once, as the role that works on an assessment from its start.
            for state in EVERY_STATE.get(route, ()) if role == ROLES[0] else ():
                path = site.path(route, pk=getattr(site, state).pk)
                sweep.check(page, path, f"{role}-{_slug(route)}-{state}")
        page.context.close()

    # Signed out: the sign-in page and the friendly error pages, each with its way back.
    page = sweep.open()
    sweep.check(page, "/accounts/login/", "anonymous-sign-in")
    sweep.check(page, "/no-such-page/", "anonymous-404", status=404)
    _check_500_page(sweep, page)
    page.context.close()
    page = sweep.open(session_key=_session_key(site.user("viewer")))
    sweep.check(page, "/no-such-page/", "viewer-404", status=404)
    sweep.check(page, "/vendors/new/", "viewer-403", status=403)
    page.context.close()

    # The invited vendor: the invitation's confirmation page, then the questions.
    _invitation, token = site.invite("vee@vendor.example")
    page = sweep.open()
    sweep.check(page, f"/vendor/invite/{token}/", "vendor-invitation")
    page.get_by_role("button", name="Continue to the questions").click()
    page.wait_for_url("**/vendor/assessments/*/")
    sweep.check_loaded(page, "vendor-questions")
    page.context.close()

    slowest = ", ".join(f"{name} {seconds:.1f}s" for seconds, name in sorted(sweep.timings)[-5:])
    print(f"{len(sweep.timings)} pages checked; slowest: {slowest}")
    assert len(sweep.visited) > 4 * 10, sweep.visited  # every role saw the site, not a login page
    assert sweep.problems == [], "\n".join(sweep.problems)


def _check_500_page(sweep: Sweep, page) -> None:
    """The 500 page as handler500 renders it, served at a made-up address of the live server so
    that its stylesheet loads as it would."""
    from django.test import RequestFactory

    from core.views import server_error

    request = RequestFactory().get("/")
    request.request_id = "0123456789abcdef0123456789abcdef"
    html = server_error(request).content.decode()
    page.route(
        "**/server-error-page/",
        lambda route: route.fulfill(status=500, body=html, content_type="text/html; charset=utf-8"),
    )
    sweep.check(page, "/server-error-page/", "anonymous-500", status=500)


def _open_as(browser, live_server, user, size: dict):
    context = browser.new_context(base_url=live_server.url, viewport=size)
    context.set_default_timeout(15_000)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": _session_key(user),
                "url": live_server.url,
            }
        ]
    )
    return context.new_page()


def test_on_a_phone_the_navigation_folds_behind_a_menu_button(
    browser, live_server, procurement_user
):
    page = _open_as(browser, live_server, procurement_user, SIZES[0])
    page.goto("/vendors/")
    button = page.get_by_role("button", name="Menu")
    nav = page.get_by_role("navigation", name="Main")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(nav).to_be_hidden()

    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(nav.get_by_role("link", name="Dashboard")).to_be_visible()
    expect(nav.get_by_role("link", name="Vendors")).to_have_attribute("aria-current", "page")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()

    # Escape closes it from inside and gives focus back to the button.
    nav.get_by_role("link", name="Dashboard").focus()
    page.keyboard.press("Escape")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_be_focused()
    expect(nav).to_be_hidden()

    # A wide screen shows the navigation itself, no button.
    page.set_viewport_size(SIZES[1])
    expect(button).to_be_hidden()
    expect(nav.get_by_role("link", name="Dashboard")).to_be_visible()
    page.context.close()


def test_on_a_phone_a_wide_table_scrolls_in_a_focusable_box_of_its_own(
    browser, live_server, questionnaire, procurement_user
):
    from assessments.lifecycle import assessment_create
    from tests.factories import OfferingFactory

    for _ in range(3):
        assessment_create(
            actor=procurement_user, offering=OfferingFactory(), questionnaire=questionnaire
        )
    page = _open_as(browser, live_server, procurement_user, SIZES[0])
    page.goto("/")
    box = page.locator(".table-scroll").first
    expect(box).to_have_attribute("tabindex", "0")
    expect(box).to_have_attribute("role", "region")
    assert box.evaluate("b => b.scrollWidth > b.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    # On a wide screen nothing scrolls, and the box is no tab stop.
    page.set_viewport_size(SIZES[1])
    expect(box).not_to_have_attribute("tabindex", "0")
    page.context.close()


def _luminance(rgb: tuple[int, ...]) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


FOCUS_RING = """el => {
  const style = getComputedStyle(el);
  let bg = 'rgba(0, 0, 0, 0)', node = el.parentElement;
  while (node && /rgba\\(0, 0, 0, 0\\)|transparent/.test(bg)) {
    bg = getComputedStyle(node).backgroundColor; node = node.parentElement;
  }
  const width = parseFloat(style.outlineWidth);
  return {ring: style.outlineColor, width, style: style.outlineStyle, bg};
}"""


def test_keyboard_focus_is_visible_with_at_least_3_to_1_contrast(
    browser, live_server, procurement_user
):
    page = _open_as(browser, live_server, procurement_user, SIZES[1])
    page.goto("/vendors/")
    numbers = re.compile(r"\d+")
    for target in (
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Vendors"),
        page.locator("main a, main button").first,
        page.locator("main input").first,
    ):
        target.focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")  # focus arrives by keyboard, so :focus-visible applies
        ring = target.evaluate(FOCUS_RING)
        assert ring["style"] != "none" and ring["width"] >= 2, ring
        colour = tuple(int(n) for n in numbers.findall(ring["ring"])[:3])
        behind = tuple(int(n) for n in numbers.findall(ring["bg"])[:3])
        assert _contrast(colour, behind) >= 3, ring
    page.context.close()
