"""Server-side SVG charts: the same markup in the browser and in the PDF report.

Every piece of text is escaped with format_html; the SVG has no scripts and no external refs.
Labels are wrapped onto as many lines as they need, never cut: the chart grows taller instead.
"""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from assessments.scoring_adapter import scored_domains
from scoring import SEVERITIES

RECOMMENDATION_LABELS = {
    "recommended": "Recommended",
    "acceptable_with_conditions": "Acceptable with conditions",
    "high_risk": "High risk",
    "not_recommended": "Not recommended",
}

# Presentation attributes, not a <style> element: they render the same in the browser (under a
# Content-Security-Policy that forbids inline styles) and in the PDF, which applies no page CSS
# to an SVG's text and would otherwise fall back to 16px.
FONT = 'font-family="Inter, Noto Sans, DejaVu Sans, sans-serif"'
TEXT = f' {FONT} font-size="11" fill="#1d2433"'
SMALL = f' {FONT} font-size="10" fill="#5b6477"'
FILLS = {"claimed": "#c9d8f2", "evidenced": "#1f5fbf"}
SEVERITY_FILLS = {"critical": "#7a1010", "high": "#b42318", "medium": "#b7791f", "low": "#5b6477"}
LEVEL_FILLS = {
    "verified": "#0f3d80",
    "attested": "#1f5fbf",
    "documented": "#7ea3dc",
    "claim": "#d5deec",
}
LEVEL_WORDS = {
    "verified": "Verified by us",
    "attested": "Attested",
    "documented": "Documented",
    "claim": "Vendor's word only",
}

LABEL_WIDTH = 250
BAR_WIDTH = 330
WIDTH = LABEL_WIDTH + BAR_WIDTH + 60
LINE = 13
# A generous average glyph width (0.62 em at 11px): a wrapped line never reaches past its column.
CHARS_PER_LINE = int((LABEL_WIDTH - 10) / (11 * 0.62))


def _n(value: float) -> str:
    # format_html escapes its arguments before formatting, so numbers arrive pre-formatted.
    return f"{value:.1f}"


def wrap_label(title: str, width: int = CHARS_PER_LINE) -> list[str]:
    """Whole words per line; a word longer than a line is split (an uploaded questionnaire's
    titles are not ours to trust). Every character is kept."""
    lines: list[str] = []
    current = ""
    for word in title.split():
        while len(word) > width:
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:width])
            word = word[width:]
        candidate = f"{current} {word}".strip()
        if len(candidate) <= width:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current or not lines:
        lines.append(current)
    return lines


def _label(lines: list[str], top: float) -> SafeString:
    """Right-aligned against the bars, one <tspan> per line."""
    spans = format_html_join(
        "",
        '<tspan x="{}" y="{}">{}</tspan>',
        ((LABEL_WIDTH - 10, _n(top + 11 + i * LINE), line) for i, line in enumerate(lines)),
    )
    return format_html('<text class="lbl" text-anchor="end"{}>{}</text>', SafeString(TEXT), spans)


def _row_height(lines: list[str], minimum: float = 34) -> float:
    return max(len(lines) * LINE + 10, minimum)


def _legend(items: list[tuple[str, str]], y: float = 4) -> tuple[SafeString, float]:
    """The legend, wrapped onto a new line when the next item would not fit; and its bottom."""
    parts, x = [], 0.0
    for fill, words in items:
        width = 17 + len(words) * 11 * 0.6 + 18
        if x and x + width > WIDTH:
            x, y = 0.0, y + 17
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="12" height="12" rx="2" fill="{}"/>'
                '<text x="{}" y="{}"{}>{}</text>',
                _n(x),
                _n(y),
                fill,
                _n(x + 17),
                _n(y + 10),
                SafeString(TEXT),
                words,
            )
        )
        x += width
    return format_html('<g class="legend">{}</g>', SafeString("".join(parts))), y + 16


def _svg(css_class: str, label: str, height: float, body: list) -> SafeString:
    return format_html(
        '<svg class="{}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" role="img" '
        'aria-label="{}">{}</svg>',
        css_class,
        WIDTH,
        _n(height),
        label,
        SafeString("".join(str(part) for part in body)),
    )


def _axis(top: float, bottom: float) -> SafeString:
    return format_html_join(
        "",
        '<line class="tick" stroke="#e3e7ee" x1="{0}" x2="{0}" y1="{1}" y2="{2}"/>'
        '<text class="tickl" x="{0}" y="{3}" text-anchor="middle"' + SMALL + ">{4}</text>",
        (
            (_n(LABEL_WIDTH + BAR_WIDTH * t / 100), _n(top), _n(bottom), _n(bottom + 13), t)
            for t in (0, 25, 50, 75, 100)
        ),
    )


def _score_bar(y: float, value: float | None, kind: str) -> SafeString:
    width = 0 if value is None else BAR_WIDTH * max(0.0, min(100.0, value)) / 100
    shown = "n/a" if value is None else f"{value:.0f}"
    return format_html(
        '<rect class="{}" fill="{}" x="{}" y="{}" width="{}" height="11" rx="2"/>'
        '<text class="val" x="{}" y="{}"{}>{}</text>',
        kind,
        FILLS[kind],
        LABEL_WIDTH,
        _n(y),
        _n(width),
        _n(LABEL_WIDTH + width + 4),
        _n(y + 9.5),
        SafeString(SMALL),
        shown,
    )


def domain_bars_svg(domains: list[dict]) -> SafeString:
    """Claimed (light) above evidenced (dark) per domain, each with its value; `domains` as in
    Scorecard.to_dict()."""
    legend, top = _legend(
        [
            (FILLS["claimed"], "Claimed: every answer taken at its word"),
            (FILLS["evidenced"], "Evidenced: weighted by how it is backed"),
        ]
    )
    axis_top, top = top, top + 6
    rows = []
    for domain in scored_domains(domains):
        lines = wrap_label(domain["title"])
        rows.append(
            format_html(
                '<g class="row">{}{}{}</g>',
                _label(lines, top),
                _score_bar(top + 3, domain["claimed"], "claimed"),
                _score_bar(top + 16, domain["evidenced"], "evidenced"),
            )
        )
        top += _row_height(lines)
    body = [legend, _axis(axis_top, top), *rows]
    return _svg("domain-chart", "Claimed and evidenced score per domain", top + 18, body)


def findings_by_domain_svg(domains: list[dict], findings: list[dict]) -> SafeString:
    """Open findings per domain, stacked by severity, with how many were accepted as risks."""
    legend, top = _legend([(SEVERITY_FILLS[s], s.capitalize()) for s in SEVERITIES])
    body = [legend]
    counts = {d["key"]: {s: 0 for s in SEVERITIES} for d in domains}
    accepted = {d["key"]: 0 for d in domains}
    for finding in findings:
        if finding["domain"] not in counts:
            continue
        if finding["accepted"]:
            accepted[finding["domain"]] += 1
        else:
            counts[finding["domain"]][finding["severity"]] += 1
    shown = [d for d in domains if sum(counts[d["key"]].values()) or accepted[d["key"]]]
    unit = BAR_WIDTH / max([4, *(sum(counts[d["key"]].values()) for d in shown)])
    top += 6
    for domain in shown:
        lines = wrap_label(domain["title"])
        segments, x = [], float(LABEL_WIDTH)
        for severity in SEVERITIES:
            n = counts[domain["key"]][severity]
            if n:
                segments.append(_segment(x, top, n * unit, n, SEVERITY_FILLS[severity]))
                x += n * unit
        total = sum(counts[domain["key"]].values())
        note = f"{total} open" + (
            f", {accepted[domain['key']]} accepted" if accepted[domain["key"]] else ""
        )
        body.append(
            format_html(
                '<g class="row">{}{}<text class="val" x="{}" y="{}"{}>{}</text></g>',
                _label(lines, top),
                SafeString("".join(segments)),
                _n(x + 5),
                _n(top + 11),
                SafeString(SMALL),
                note,
            )
        )
        top += _row_height(lines, minimum=22)
    if not shown:
        body.append(
            format_html('<text x="0" y="{}"{}>No findings.</text>', _n(top + 12), SafeString(TEXT))
        )
        top += 20
    return _svg("findings-chart", "Open findings per domain by severity", top + 6, body)


def _segment(x: float, y: float, width: float, count: int | None, fill: str) -> SafeString:
    number = (
        format_html(
            '<text x="{}" y="{}" text-anchor="middle" {} font-size="10" fill="#fff">{}</text>',
            _n(x + width / 2),
            _n(y + 10.5),
            SafeString(FONT),
            count,
        )
        if count and width >= 14
        else ""
    )
    return format_html(
        '<rect fill="{}" x="{}" y="{}" width="{}" height="14" stroke="#fff" stroke-width="1"/>{}',
        fill,
        _n(x),
        _n(y),
        _n(width),
        number,
    )


def evidence_mix_svg(mix: list[dict]) -> SafeString:
    """One bar, strongest backing first: what share of the answers rests on what."""
    by_level = {e["level"]: e for e in mix}
    levels = [level for level in LEVEL_FILLS if level in by_level]
    x, parts = 0.0, []
    for level in levels:
        width = WIDTH * by_level[level]["share"]
        if width > 0:
            parts.append(_segment(x, 0, width, None, LEVEL_FILLS[level]))
            x += width
    legend, bottom = _legend(
        [
            (LEVEL_FILLS[level], f"{LEVEL_WORDS[level]} {round(by_level[level]['share'] * 100)}%")
            for level in levels
        ],
        y=22,
    )
    return _svg(
        "mix-chart", "Share of answers by how well they are backed", bottom, [*parts, legend]
    )
