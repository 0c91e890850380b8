"""The report's charts: the same SVG in the browser and the PDF, so their text sizes are set on the
elements themselves (a PDF engine applies no page CSS to them and would fall back to 16px). Labels
wrap onto more lines and are never cut ("pdate channel…" was the old chart's cut at both ends)."""

import html
import re

from assessments.charts import (
    LABEL_WIDTH,
    domain_bars_svg,
    evidence_mix_svg,
    findings_by_domain_svg,
)


def _domain(key, title, claimed=60.0, evidenced=40.0):
    return {"key": key, "title": title, "claimed": claimed, "evidenced": evidenced, "weight": 1.0}


def _finding(domain, severity, accepted=False):
    return {"domain": domain, "severity": severity, "accepted": accepted}


def _label_lines(svg: str) -> list[list[str]]:
    labels = re.findall(r'<text class="lbl"[^>]*>(.*?)</text>', svg)
    return [
        [html.unescape(t) for t in re.findall(r"<tspan[^>]*>(.*?)</tspan>", lbl)] for lbl in labels
    ]


def test_every_text_carries_its_own_font_size():
    svg = str(domain_bars_svg([_domain("a", "Integration architecture (facades and proxies)")]))
    texts = re.findall(r"<text [^>]*>", svg)
    assert len(texts) == 2 + 1 + 2 + 5  # legend, label, two values, five ticks
    assert all('font-size="' in t for t in texts)


def test_a_long_title_wraps_whole_and_every_line_fits_the_label_column():
    title = "Design transparency and secure-by-design posture, at quite some length indeed"
    svg = str(domain_bars_svg([_domain("a", title)]))

    (lines,) = _label_lines(svg)

    assert len(lines) > 1
    assert " ".join(lines) == title  # nothing cut, nothing added
    # Even at a generous 0.62 em per 11px character each line stays inside its column.
    assert all(len(line) * 11 * 0.62 <= LABEL_WIDTH - 10 for line in lines)


def test_a_word_longer_than_a_line_is_split_but_kept():
    word = "x" * 90
    (lines,) = _label_lines(str(domain_bars_svg([_domain("a", word)])))
    assert "".join(lines) == word and len(lines) >= 3


def test_a_taller_label_makes_a_taller_chart_instead_of_overlapping():
    short = str(domain_bars_svg([_domain("a", "Keys"), _domain("b", "Keys")]))
    tall = str(domain_bars_svg([_domain("a", "Keys " * 30), _domain("b", "Keys")]))
    height = lambda svg: float(re.search(r'viewBox="0 0 \d+ ([\d.]+)"', svg).group(1))  # noqa: E731
    assert height(tall) > height(short) + 2 * 13


def test_the_chart_has_a_legend_and_a_value_at_each_bar():
    svg = str(domain_bars_svg([_domain("a", "Update channel", 72.4, 41.6)]))
    assert "Claimed: every answer taken at its word" in svg
    assert "Evidenced: weighted by how it is backed" in svg
    values = re.findall(r'<text class="val"[^>]*>([^<]*)</text>', svg)
    assert values == ["72", "42"]


def test_titles_are_escaped():
    svg = str(domain_bars_svg([_domain("a", "<script>x</script>")]))
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_a_domain_without_a_score_reads_n_a():
    svg = str(domain_bars_svg([_domain("a", "Update channel", None, None)]))
    assert svg.count(">n/a</text>") == 2


def test_findings_by_domain_stack_open_findings_by_severity_and_count_accepted_ones():
    domains = [_domain("keys", "Keys"), _domain("exit", "Exit"), _domain("clean", "Clean")]
    findings = [
        _finding("keys", "critical"),
        _finding("keys", "high"),
        _finding("keys", "high"),
        _finding("exit", "low", accepted=True),
    ]

    svg = str(findings_by_domain_svg(domains, findings))

    assert [lines[0] for lines in _label_lines(svg)] == ["Keys", "Exit"]  # none: not drawn
    notes = re.findall(r'<text class="val"[^>]*>([^<]*)</text>', svg)
    assert notes == ["3 open", "0 open, 1 accepted"]
    assert svg.count('fill="#b42318"') >= 2  # the high segment and its legend swatch
    assert ">2</text>" in svg and ">1</text>" in svg  # counts inside the segments
    for severity in ("Critical", "High", "Medium", "Low"):
        assert f">{severity}</text>" in svg


def test_no_findings_say_so():
    assert "No findings." in str(findings_by_domain_svg([_domain("a", "Keys")], []))


def test_the_evidence_mix_bar_names_each_level_with_its_share():
    mix = [
        {"level": "claim", "count": 5, "share": 0.5},
        {"level": "documented", "count": 3, "share": 0.3},
        {"level": "attested", "count": 2, "share": 0.2},
        {"level": "verified", "count": 0, "share": 0.0},
    ]
    svg = str(evidence_mix_svg(mix))
    legend = re.findall(r"<text [^>]*>([^<]*)</text>", svg)
    assert legend == [
        "Verified by us 0%",
        "Attested 20%",
        "Documented 30%",
        "Vendor&#x27;s word only 50%",
    ]
