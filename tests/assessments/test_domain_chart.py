"""The domain chart: the same SVG in the browser and the PDF, so its text sizes are set on the
elements themselves (a PDF engine applies no page CSS to them and would fall back to 16px, which
pushed long domain titles off the chart's left edge)."""

import re

from assessments.charts import LABEL_WIDTH, domain_bars_svg


def _domain(key, title, claimed=60.0, evidenced=40.0):
    return {"key": key, "title": title, "claimed": claimed, "evidenced": evidenced, "weight": 1.0}


def test_every_text_carries_its_own_font_size():
    svg = str(domain_bars_svg([_domain("a", "Integration architecture (facades and proxies)")]))
    texts = re.findall(r"<text [^>]*>", svg)
    assert len(texts) == 2 + 5  # label, value, five ticks
    assert all('font-size="' in t for t in texts)


def test_long_titles_are_shortened_to_fit_the_label_column():
    title = "Design transparency and secure-by-design posture, at some length"
    svg = str(domain_bars_svg([_domain("a", title)]))
    label = re.search(r'<text class="lbl"[^>]*font-size="(\d+)"[^>]*>([^<]*)</text>', svg)
    size, shown = int(label.group(1)), label.group(2)
    assert shown.endswith("…") and len(shown) < len(title)
    # Even at a generous 0.62 em per character the label stays inside its column.
    assert len(shown) * size * 0.62 <= LABEL_WIDTH - 8


def test_titles_are_escaped():
    svg = str(domain_bars_svg([_domain("a", "<script>x</script>")]))
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_a_domain_without_a_score_reads_n_a():
    svg = str(domain_bars_svg([_domain("a", "Update channel", None, None)]))
    assert ">n/a</text>" in svg
