"""An answer holding one very long word (a pasted hash, URL or blob) prints whole in the PDF: the
render breaks it with zero-width spaces (reports/breaking.py), which never reach the PDF's text;
the browser preview, where a copied U+200B would corrupt a URL or hash, gets none."""

import random
import string

import pytest

from reports.breaking import BREAK
from reports.rendering import report_html, report_render
from reports.services import report_request
from reports.storage import report_storage
from tests.reports.conftest import answer_everything, pdf_text

pytestmark = pytest.mark.django_db

WORD = "".join(random.Random(17).choices(string.ascii_letters + string.digits, k=3_000))


def test_a_long_word_prints_whole_in_the_pdf_without_the_breaks(
    assessment, procurement_user, client, viewer_user
):
    answer_everything(assessment, procurement_user, explanation=WORD)
    report, _ = report_request(actor=procurement_user, assessment=assessment)

    html, _ = report_html(report, for_pdf=True)
    done = report_render(report_id=report.pk)
    with report_storage().open(done.artifact_name, "rb") as handle:
        printed = pdf_text(handle.read())

    assert WORD not in html  # broken for the layout
    assert WORD[:12] + BREAK + WORD[12:24] + BREAK in html
    assert BREAK not in printed
    assert WORD in printed.replace(" ", "")  # every character, in order (lines rejoined)
    client.force_login(viewer_user)
    preview = client.get(f"/reports/preview/{assessment.pk}/").content.decode()
    assert WORD in preview
    assert BREAK not in preview
