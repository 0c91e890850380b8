"""Report layout cost against the shape of the text (issue 17): the real questionnaire (sbd-v2)
with its explanations in ordinary prose, and with each explanation one word of the same length.

    python bench/bench_report_shape.py [--quick] [--before]

Each case times WeasyPrint on the report's final HTML (reports.pdf.html_to_pdf_bytes, what the
worker's isolated child runs), cases alternating so machine noise hits them alike. A word row's
baseline is the prose row of the same volume. Target: every explanation one 10,000-character word
(the most an explanation may hold) within 3x the same volume of prose. `breaking off` renders the
HTML without reports/breaking.py, as before issue 17. The legal maximum is also rendered once
through the worker's isolated child (render_pdf_isolated: its deadline and memory ceiling).

`--quick` (CI) runs only the 20-answer pair, twice, without a warm-up round. `--before` runs once
what is too slow for `make bench`: every explanation a 2,500- and a 10,000-character word with
breaking off, beside prose and breaking on (minutes).
"""

import io
import random
import resource
import string
import sys
import time
from collections.abc import Callable
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import ROOT, print_rows, row

QUESTIONNAIRE = ROOT / "assessments" / "questionnaires" / "sbd-v2.yaml"
SENTENCE = (
    "The vendor states this in section 4.2 of the architecture guide; our notes from "
    "the design call add that the behaviour is configurable per tenant. "
)
# (label, answers given the text (None: all), characters per explanation)
EVERY_ANSWER = ("every explanation", None, 10_000)
TWENTY_ANSWERS = ("20 explanations", 20, 2_500)
WARM = (
    '<html><head><link rel="stylesheet" href="asset:report.css"></head>'
    f'<body class="report"><h2>Warm</h2><p class="x">{SENTENCE}</p></body></html>'
)


def prose(length: int) -> str:
    return (SENTENCE * (length // len(SENTENCE) + 1))[:length]


def one_word(length: int, seed: int) -> str:
    """A pasted blob: letters and digits, no break opportunity anywhere."""
    return "".join(random.Random(seed).choices(string.ascii_letters + string.digits, k=length))


def _report():
    from django.contrib.auth.models import Group, User

    from assessments.questionnaire.loader import questionnaire_load_file
    from bench.bench_report import _assessment
    from reports.models import Report

    user = User.objects.create_user("shape-bench", password="bench-password-123")
    user.groups.add(Group.objects.get_or_create(name="procurement")[0])
    questionnaire = questionnaire_load_file(path=QUESTIONNAIRE).questionnaire
    assessment = _assessment(questionnaire, user, "shape")
    return Report.objects.create(
        kind="assessment",
        subject_ids=[str(assessment.pk)],
        content_key="bench-shape",
        assessment=assessment,
    )


def _html(report, *, texts: Callable[[int], str], count: int | None, breaking=True) -> str:
    """The report's PDF HTML with the first `count` explanations set to texts(i), others empty."""
    from assessments.models import Answer
    from reports.rendering import report_html

    answers = list(Answer.objects.filter(assessment=report.assessment).order_by("pk"))
    for i, answer in enumerate(answers):
        answer.explanation = texts(i) if count is None or i < count else ""
    Answer.objects.bulk_update(answers, ["explanation"])
    if breaking:
        return report_html(report, for_pdf=True)[0]
    with mock.patch("reports.rendering.break_long_words", lambda html: html):
        return report_html(report, for_pdf=True)[0]


def _pages(pdf: bytes) -> int:
    import pypdf

    return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)


def _alternate(htmls: dict[str, str], repetitions: int, warmup: bool = True) -> tuple[dict, dict]:
    """Milliseconds per render of each HTML, the cases taking turns (after an untimed round unless
    `warmup` is off); and the page count of each."""
    from reports.pdf import html_to_pdf_bytes

    html_to_pdf_bytes(WARM)  # fonts and stylesheet loaded before anything is timed
    for html in htmls.values() if warmup else ():
        html_to_pdf_bytes(html)
    timings: dict[str, list[float]] = {name: [] for name in htmls}
    pages: dict[str, int] = {}
    for _ in range(repetitions):
        for name, html in htmls.items():
            start = time.perf_counter_ns()
            pdf = html_to_pdf_bytes(html)
            timings[name].append((time.perf_counter_ns() - start) / 1e6)
            pages.setdefault(name, _pages(pdf))
    return timings, pages


def _cases(report, case, *, before: bool) -> dict[str, str]:
    _, count, length = case
    htmls = {
        "prose": _html(report, texts=lambda i: prose(length), count=count),
        "word": _html(report, texts=lambda i: one_word(length, i), count=count),
    }
    if before:
        htmls["word, breaking off"] = _html(
            report, texts=lambda i: one_word(length, i), count=count, breaking=False
        )
    return htmls


def _rows(case, timings, pages, htmls) -> list[dict]:
    label, _, length = case
    prose_ms = timings["prose"]
    rows = [
        row(
            f"{label}, {length:,} characters of prose",
            prose_ms,
            None,
            pages=pages["prose"],
            html_kb=len(htmls["prose"]) / 1024,
        )
    ]
    for name in ("word", "word, breaking off"):
        if name in timings:
            suffix = ", breaking off" if "off" in name else ""
            rows.append(
                row(
                    f"{label}, one {length:,}-character word each{suffix}",
                    timings[name],
                    prose_ms,
                    pages=pages[name],
                    html_kb=len(htmls[name]) / 1024,
                )
            )
    return rows


def _worker_render(html: str) -> dict:
    """The legal maximum once through the worker's isolated child, within its deadline and memory
    ceiling (render_pdf_isolated raises RenderError past either)."""
    from reports.pdf import render_pdf_isolated

    start = time.perf_counter()
    render_pdf_isolated(html)
    return {
        "isolated_render_ms": (time.perf_counter() - start) * 1000,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def run(quick: bool = False) -> list[dict]:
    from bench.bench_report import _prepare
    from bench.servers import own_database

    _prepare(own_database("report_shape"))
    report = _report()
    rows = []
    if "--before" in sys.argv:
        for length in (2_500, 10_000):
            case = ("every explanation", None, length)
            htmls = _cases(report, case, before=True)
            rows += _rows(case, *_alternate(htmls, 1, warmup=False), htmls)
        return rows
    cases = [TWENTY_ANSWERS] if quick else [EVERY_ANSWER, TWENTY_ANSWERS]
    for case in cases:
        htmls = _cases(report, case, before=case is TWENTY_ANSWERS and not quick)
        timed = _alternate(htmls, 2, warmup=False) if quick else _alternate(htmls, 3)
        rows += _rows(case, *timed, htmls)
        if case is EVERY_ANSWER:
            rows[-1].update(_worker_render(htmls["word"]))
    return rows


if __name__ == "__main__" and "--json" in sys.argv:
    from bench.common import bench_main

    bench_main(run, sys.argv)
elif __name__ == "__main__":
    results = run(quick="--quick" in sys.argv)
    print_rows(results)
    for r in results:
        extra = ""
        if "isolated_render_ms" in r:
            extra = f", worker's isolated render {r['isolated_render_ms']:.0f} ms"
        print(f"{r['name']}: {r['pages']} pages, HTML {r['html_kb']:.0f} KB{extra}")
