"""Server-side SVG charts: the same markup in the browser and in the PDF report.

Every piece of text is escaped with format_html; the SVG has no scripts and no external refs.
"""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from assessments.scoring_adapter import scored_domains

RECOMMENDATION_LABELS = {
    "recommended": "Recommended",
    "acceptable_with_conditions": "Acceptable with conditions",
    "high_risk": "High risk",
    "not_recommended": "Not recommended",
}

# Presentation attributes, not a <style> element: they render the same in the browser (under a
# Content-Security-Policy that forbids inline styles) and in the PDF.
FILLS = {"claimed": "#c9d8f2", "evidenced": "#1f5fbf"}
TEXT = ' font-family="Inter, DejaVu Sans, sans-serif" font-size="11" fill="#1d2433"'
TICK_TEXT = ' font-family="Inter, DejaVu Sans, sans-serif" font-size="10" fill="#5b6477"'

ROW = 34
LABEL_WIDTH = 290
BAR_WIDTH = 300
WIDTH = LABEL_WIDTH + BAR_WIDTH + 70


def _bar(y: float, value: float | None, css_class: str, height: float) -> SafeString:
    width = 0 if value is None else BAR_WIDTH * max(0.0, min(100.0, value)) / 100
    return format_html(
        '<rect class="{}" fill="{}" x="{}" y="{}" width="{}" height="{}" rx="2"/>',
        css_class,
        FILLS[css_class],
        LABEL_WIDTH,
        _n(y),
        _n(width),
        height,
    )


def _n(value: float) -> str:
    # format_html escapes its arguments before formatting, so numbers arrive pre-formatted.
    return f"{value:.1f}"


def _truncate(title: str, limit: int = 40) -> str:
    return title if len(title) <= limit else title[: limit - 1] + "…"


def domain_bars_svg(domains: list[dict]) -> SafeString:
    """Claimed (light) versus evidenced (dark) score per domain; `domains` as in to_dict()."""
    domains = scored_domains(domains)
    height = ROW * len(domains) + 40
    rows = []
    for index, domain in enumerate(domains):
        top = 10 + index * ROW
        claimed, evidenced = domain["claimed"], domain["evidenced"]
        value = "n/a" if evidenced is None else f"{evidenced:.0f} / {claimed:.0f}"
        rows.append(
            format_html(
                '<g><text class="lbl" x="{}" y="{}" text-anchor="end"' + TEXT + ">{}</text>{}{}"
                '<text class="val" x="{}" y="{}"' + TEXT + ">{}</text></g>",
                LABEL_WIDTH - 8,
                _n(top + 17),
                _truncate(domain["title"]),
                _bar(top + 2, claimed, "claimed", 22),
                _bar(top + 7, evidenced, "evidenced", 12),
                LABEL_WIDTH + BAR_WIDTH + 6,
                _n(top + 17),
                value,
            )
        )
    ticks = format_html_join(
        "",
        '<line class="tick" stroke="#e3e7ee" x1="{0}" x2="{0}" y1="6" y2="{1}"/>'
        '<text class="tickl" x="{0}" y="{2}" text-anchor="middle"' + TICK_TEXT + ">{3}</text>",
        (
            (_n(LABEL_WIDTH + BAR_WIDTH * t / 100), height - 24, height - 8, t)
            for t in (0, 25, 50, 75, 100)
        ),
    )
    return format_html(
        '<svg class="domain-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" '
        'role="img" aria-label="Claimed and evidenced score per domain">'
        "{}{}</svg>",
        WIDTH,
        height,
        ticks,
        SafeString("".join(rows)),
    )
