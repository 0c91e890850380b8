"""User text in a report is hostile: it prints as text, never as markup, template code, a fetch or
an attachment; and even raw markup that slipped past escaping can fetch nothing but the bundled
stylesheet."""

import pytest
import weasyprint
from django.utils.html import escape

from assessments.evidence.services import display_name
from reports.models import Report
from reports.pdf import AssetOnlyFetcher, html_to_pdf_bytes
from reports.rendering import report_html, report_render
from reports.services import report_request
from reports.storage import report_storage
from tests.reports.conftest import hostile_assessment, pdf_contains, pdf_reader, pdf_text

pytestmark = pytest.mark.django_db

# PORT becomes the port of the test's recording HTTP listener.
HOSTILE = [
    '<link rel="attachment" href="file:///etc/passwd">',
    '<img src="http://127.0.0.1:PORT/x">',
    "<style>@import url(http://127.0.0.1:PORT/css);</style>",
    '<a rel="attachment" href="data:text/plain;base64,SGVsbG8=">x</a>',
    "{{ settings.SECRET_KEY }}",
    '"><img src=x onerror=alert(1)>',
]

TINY_PNG = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5Er"
    "kJggg=="
)


def _rendered(assessment, actor) -> tuple[Report, bytes]:
    report, _ = report_request(actor=actor, assessment=assessment)
    done = report_render(report_id=report.pk)
    assert done is not None and done.status == Report.Status.DONE, Report.objects.get(
        pk=report.pk
    ).error
    with report_storage().open(done.artifact_name, "rb") as handle:
        return done, handle.read()


@pytest.mark.parametrize(
    "template",
    HOSTILE,
    ids=[
        "link-attachment-file",
        "img-http",
        "style-import",
        "a-attachment-data",
        "template-code",
        "attribute-breakout",
    ],
)
def test_hostile_user_text_prints_literally_and_fetches_or_attaches_nothing(
    template, assessment, procurement_user, architect_user, listener, settings
):
    text = template.replace("PORT", str(listener.port))
    hostile_assessment(
        assessment, text=text, procurement=procurement_user, architect=architect_user
    )

    report, pdf = _rendered(assessment, procurement_user)

    printed = pdf_text(pdf)
    for where in (
        f"Vendor {text}",
        f"Explained: {text}",
        f"Note: {text}",
        f"Comment: {text}",
        f"Condition: {text}",
        display_name(f"{text}.pdf"),
    ):
        assert pdf_contains(printed, where), f"{where!r} is missing from the PDF text"
    reader = pdf_reader(pdf)
    assert list(reader.attachments.keys()) == []
    assert listener.requests == []
    assert settings.SECRET_KEY not in printed

    html, _ = report_html(report, for_pdf=True)
    assert escape(text) in html
    if "<" in text:
        assert text not in html
    assert settings.SECRET_KEY not in html


def test_hostile_vendor_name_is_plain_text_in_the_pdf_title(
    assessment, procurement_user, architect_user, listener
):
    text = '<link rel="attachment" href="file:///etc/passwd">'
    hostile_assessment(
        assessment, text=text, procurement=procurement_user, architect=architect_user
    )

    _, pdf = _rendered(assessment, procurement_user)

    assert text in pdf_reader(pdf).metadata.title
    assert listener.requests == []


def _raw_markup(port: int) -> str:
    """What a template bug that disabled escaping would hand the renderer."""
    return f"""<!doctype html><html><head>
<link rel="stylesheet" href="asset:report.css">
<link rel=attachment href=file:///etc/passwd>
<link rel=stylesheet href=http://127.0.0.1:{port}/sheet.css>
<style>@import url(http://127.0.0.1:{port}/import.css);</style>
</head><body>
<p>Raw markup survives only as a page.</p>
<img src=http://127.0.0.1:{port}/pixel.png>
<img src="data:image/png;base64,{TINY_PNG}">
<object data="file:///etc/hostname"></object>
<a rel=attachment href="http://127.0.0.1:{port}/attach">attach</a>
</body></html>"""


def test_raw_markup_that_bypassed_escaping_still_fetches_nothing(listener):
    pdf = html_to_pdf_bytes(_raw_markup(listener.port))

    assert list(pdf_reader(pdf).attachments.keys()) == []
    assert listener.requests == []
    assert "Raw markup survives only as a page." in pdf_text(pdf)


def test_the_fetcher_records_each_refusal_and_serves_only_the_bundled_stylesheet(listener):
    served = []

    class Watching(AssetOnlyFetcher):
        def fetch(self, url, headers=None):
            response = super().fetch(url, headers)
            served.append(url)
            return response

    fetcher = Watching()
    port = listener.port
    pdf = weasyprint.HTML(string=_raw_markup(port), url_fetcher=fetcher).write_pdf()

    assert served == ["asset:report.css"]
    assert set(fetcher.refused) == {
        "file:///etc/passwd",
        f"http://127.0.0.1:{port}/sheet.css",
        f"http://127.0.0.1:{port}/import.css",
        f"http://127.0.0.1:{port}/pixel.png",
        f"data:image/png;base64,{TINY_PNG}",
        "file:///etc/hostname",
        f"http://127.0.0.1:{port}/attach",
    }
    assert listener.requests == []
    assert list(pdf_reader(pdf).attachments.keys()) == []
    # The bundled stylesheet took effect: its page footer is on the page.
    assert "Page 1 of 1" in pdf_text(pdf)


@pytest.mark.parametrize(
    "url",
    [
        "asset:../settings.py",
        "asset:report.css/../../pdf.py",
        "ASSET:report.css",
        "report.css",
        "/etc/passwd",
        "file:///etc/passwd",
    ],
)
def test_the_fetcher_refuses_anything_but_a_bundled_asset_by_exact_name(url):
    fetcher = AssetOnlyFetcher()

    with pytest.raises(ValueError, match="reports may only use bundled assets"):
        fetcher.fetch(url)

    assert fetcher.refused == [url]
