"""The impact matrix drawn as a heat grid: five qualities down, go-live and long term across, each
cell shaded by the weight of its open findings and the number written in it, so it reads the same
printed in greyscale. Server-side SVG, the same markup in the browser and in the PDF (see
assessments/charts.py for the conventions: escaped text, presentation attributes, no scripts).

In the browser each cell with findings is a link to its list (`#impact-<quality>-<horizon>`); the
PDF lists the findings beside the grid instead.
"""

from django.utils.html import format_html
from django.utils.safestring import SafeString

from assessments.charts import FONT
from scoring import HORIZONS, QUALITIES, SEVERITY_WEIGHT

QUALITY_LABELS = {
    "security": "Security",
    "availability": "Availability",
    "performance": "Performance",
    "maintainability": "Maintainability",
    "cost": "Cost of ownership",
}
HORIZON_LABELS = {"go_live": "At go-live", "long_term": "Over the years"}
# One hue, darker with each heat step: the order survives greyscale printing, and the number in
# the cell says the rest. Text turns white where the fill is dark.
HEAT_FILLS = ("#ffffff", "#f6e1d8", "#e9a98f", "#c4563a", "#7a1d10")
DARK_FROM = 3
# Narrow enough that a phone shows the grid at about four-fifths of its size, text still legible.
LABEL_W, CELL_W, HEAD_H, ROW_H, GAP = 126, 150, 30, 50, 4
WIDTH = LABEL_W + len(HORIZONS) * (CELL_W + GAP)


def cell_anchor(quality: str, horizon: str) -> str:
    return f"impact-{quality}-{horizon}"


def _text(x: float, y: float, size: int, fill: str, words: str, anchor: str = "start") -> str:
    return format_html(
        '<text x="{}" y="{}" text-anchor="{}" {} font-size="{}" fill="{}">{}</text>',
        f"{x:.0f}",
        f"{y:.0f}",
        anchor,
        SafeString(FONT),
        size,
        fill,
        words,
    )


def _apart(cell: dict) -> str:
    parts = [f"{cell[s]} {s}" for s in ("conditioned", "accepted") if cell[s]]
    return " · ".join(parts)


def _cell(cell: dict, x: float, y: float, linked: bool) -> str:
    heat = cell["heat"]
    ink = "#ffffff" if heat >= DARK_FROM else "#1d2433"
    soft = "#ffffff" if heat >= DARK_FROM else "#5b6477"
    parts = [
        format_html(
            '<rect x="{}" y="{}" width="{}" height="{}" rx="3" fill="{}" stroke="#aab3c2"/>',
            f"{x:.0f}",
            f"{y:.0f}",
            CELL_W,
            ROW_H,
            HEAT_FILLS[heat],
        )
    ]
    if not cell["findings"]:
        parts.append(_text(x + CELL_W / 2, y + ROW_H / 2 + 4, 11, "#8a93a5", "none", "middle"))
    else:
        parts.append(_text(x + 10, y + 23, 18, ink, str(cell["weight"])))
        parts.append(_text(x + 52, y + 21, 11, ink, f"{cell['open']} open"))
        apart = cell["conditioned"] + cell["accepted"]
        if apart:
            parts.append(_text(x + 52, y + 37, 11, soft, f"{apart} set apart"))
    body = SafeString("".join(parts))
    if linked and cell["findings"]:
        label = (
            f"{QUALITY_LABELS[cell['quality']]}, {HORIZON_LABELS[cell['horizon']].lower()}: "
            f"weight {cell['weight']}, {cell['open']} open"
        )
        return format_html(
            '<a href="#{}" aria-label="{}">{}</a>',
            cell_anchor(cell["quality"], cell["horizon"]),
            label,
            body,
        )
    return body


def impact_grid_svg(matrix: dict, *, linked: bool = True) -> SafeString:
    """`matrix` as ImpactMatrix.to_dict(); `linked`: each cell with findings links to its list."""
    cells = {(c["quality"], c["horizon"]): c for c in matrix["cells"]}
    parts = [
        _text(LABEL_W + i * (CELL_W + GAP) + CELL_W / 2, 18, 12, "#1d2433", label, "middle")
        for i, label in enumerate(HORIZON_LABELS[h] for h in HORIZONS)
    ]
    for row, quality in enumerate(QUALITIES):
        y = HEAD_H + row * (ROW_H + GAP)
        parts.append(
            _text(LABEL_W - 10, y + ROW_H / 2 + 4, 11, "#1d2433", QUALITY_LABELS[quality], "end")
        )
        for col, horizon in enumerate(HORIZONS):
            parts.append(
                _cell(cells[(quality, horizon)], LABEL_W + col * (CELL_W + GAP), y, linked)
            )
    bottom = HEAD_H + len(QUALITIES) * (ROW_H + GAP) + 14
    weights = " · ".join(f"{s} {w}" for s, w in SEVERITY_WEIGHT.items())
    parts.append(_text(0, bottom, 10, "#5b6477", f"Open findings weighed by severity: {weights}."))
    return format_html(
        '<svg class="impact-grid" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" '
        'role="img" aria-label="{}">{}</svg>',
        WIDTH,
        bottom + 6,
        "Impact matrix: open findings by quality, at go-live and over the years",
        SafeString("".join(str(p) for p in parts)),
    )


def impact_cell_lists(matrix: dict, *, limit: int | None = None) -> list[dict]:
    """The cells that hold findings, in grid order, with their labels: the lists a click on the
    grid opens in the browser and that stand beside it in the PDF. `limit`: at most this many
    findings per cell (the most severe open ones first), the rest counted in `more`."""
    return [
        {
            **cell,
            "anchor": cell_anchor(cell["quality"], cell["horizon"]),
            "label": f"{QUALITY_LABELS[cell['quality']]} {HORIZON_LABELS[cell['horizon']].lower()}",
            "apart": _apart(cell),
            "shown": cell["findings"][:limit],
            "more": max(0, len(cell["findings"]) - limit) if limit else 0,
        }
        for cell in matrix["cells"]
        if cell["findings"]
    ]


def long_term_sentences(matrix: dict) -> list[str]:
    """One sentence per long-term cell with open findings, for the decision brief: the quality,
    the reason of its most severe open finding, and how many more weigh there."""
    sentences = []
    for cell in matrix["cells"]:
        if cell["horizon"] != "long_term" or not cell["open"]:
            continue
        first = cell["findings"][0]  # open first, most severe first (scoring.impact)
        reason = first["reason"].rstrip(".")
        more = cell["open"] - 1
        tail = f" ({more} more open finding{'s' if more != 1 else ''} here)" if more else ""
        sentences.append(f"Long-term {QUALITY_LABELS[cell['quality']].lower()}: {reason}{tail}.")
    return sentences
