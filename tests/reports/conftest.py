"""Fixtures for the report tests: isolated storage, no broker, realistic assessments built through
the real services, a PDF reader, and a local HTTP listener that records every request made to it
(a report must never make one)."""

import copy
import io
import re
import threading
import unicodedata
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pypdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assessments.answers.services import answer_save
from assessments.evidence.services import evidence_add
from assessments.lifecycle.services import assessment_create, assessment_submit
from assessments.review.services import (
    comment_add,
    condition_add,
    review_start,
)
from reports.context import report_context
from reports.pdf import html_to_pdf_bytes
from tests.assessments.conftest import assessment  # noqa: F401  (shared fixture; api is global)
from tests.assessments.helpers import answer_all, decide
from tests.factories import OfferingFactory
from tests.support import files

RATIONALE = "Fit for the pilot once the listed conditions are met by the vendor."
CONDITION = "Enforce phishing-resistant MFA for every administrator account."


@pytest.fixture(autouse=True)
def _isolated_storage(settings, tmp_path):
    """Evidence and report artifacts go to this test's folder, never to the shared var/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    storages = copy.deepcopy(settings.STORAGES)
    storages["reports"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path / "reports")},
    }
    settings.STORAGES = storages


@pytest.fixture(autouse=True)
def _no_broker(settings, monkeypatch):
    """Requests must not reach a broker here; the tests call report_render themselves."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.REPORTS_FAULT = ""
    monkeypatch.setattr("reports.tasks.report_enqueue", lambda report_id: None)


def pdf_reader(pdf: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf))


def flat(text: str) -> str:
    """Whitespace collapsed (pypdf breaks lines wherever the layout wrapped them) and ligatures
    unfolded (a font may draw "fi" as one glyph)."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def report_pages(report) -> list[str]:
    """The text of each page of a report's PDF, rendered now as the worker would."""
    from reports.rendering import report_html

    html, _ = report_html(report, for_pdf=True)
    return [flat(page.extract_text() or "") for page in pdf_reader(html_to_pdf_bytes(html)).pages]


def pdf_text(pdf: bytes) -> str:
    return flat(" ".join(page.extract_text() or "" for page in pdf_reader(pdf).pages))


def pdf_contains(pdf_flat_text: str, needle: str) -> bool:
    """Whether `needle` is in the text, allowing a line break to have eaten or added a space."""
    squeeze = re.compile(r"\s+")
    return flat(needle) in pdf_flat_text or squeeze.sub("", needle) in squeeze.sub(
        "", pdf_flat_text
    )


def answer_everything(subject, actor, *, pick="worst", explanation=""):
    """Answers every visible question (worst options raise findings); returns the answered keys.
    With `explanation`, the first answer is saved again carrying that text."""
    keys = answer_all(subject, actor, pick=pick)
    if explanation:
        answer = subject.answers.select_related("option").get(question__key=keys[0])
        answer_save(
            actor=actor,
            assessment_pk=subject.pk,
            question_key=keys[0],
            option_key=answer.option.key,
            evidence_level=answer.evidence_level,
            explanation=explanation,
            expected_version=answer.version,
        )
    return keys


def assessment_of(questionnaire, actor, *, vendor: str = ""):
    """A fresh draft assessment of a new offering, through the real service."""
    offering = OfferingFactory(vendor__name=vendor) if vendor else OfferingFactory()
    return assessment_create(actor=actor, offering=offering, questionnaire=questionnaire)


def pdf_upload(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, files.PDF, "application/pdf")


def hostile_assessment(subject, *, text, procurement, architect):
    """The hostile text everywhere a user can type into a report: the vendor's name, an answer's
    explanation, an evidence file's name and note, a comment and a condition."""
    vendor = subject.offering.vendor
    vendor.name = f"Vendor {text}"[:200]
    vendor.save(update_fields=["name"])
    keys = answer_everything(subject, procurement, explanation=f"Explained: {text}")
    evidence_add(
        actor=procurement,
        assessment=subject,
        question_key=keys[0],
        upload=pdf_upload(f"{text}.pdf"),
        note=f"Note: {text}",
    )
    comment_add(actor=procurement, assessment_pk=subject.pk, body=f"Comment: {text}")
    assessment_submit(actor=procurement, assessment_pk=subject.pk)
    review_start(actor=architect, assessment_pk=subject.pk)
    condition_add(
        actor=architect,
        assessment_pk=subject.pk,
        text=f"Condition: {text}",
        owner="Vendor security team",
    )
    subject.refresh_from_db()
    return subject


def decide_with_conditions(subject, *, procurement, architect):
    """Walks an assessment from draft to approved with conditions, through the real services."""
    answer_everything(subject, procurement)
    assessment_submit(actor=procurement, assessment_pk=subject.pk)
    review_start(actor=architect, assessment_pk=subject.pk)
    findings = report_context(assessment=subject)["findings"]
    condition_add(
        actor=architect,
        assessment_pk=subject.pk,
        text=CONDITION,
        owner="Vendor security team",
        finding_keys=[findings[0]["question"]],
    )
    decide(
        actor=architect,
        assessment_pk=subject.pk,
        decision="approved_with_conditions",
        rationale=RATIONALE,
    )
    subject.refresh_from_db()
    return subject


class _Recorder(BaseHTTPRequestHandler):
    def _record(self):
        self.server.requests.append((self.command, self.path))
        body = b"recorded"
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    do_GET = do_POST = do_HEAD = _record

    def log_message(self, *args):
        pass


@pytest.fixture
def listener():
    """A local HTTP server on a free port; `listener.requests` lists every request it received,
    `listener.port` its port."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    server.requests = []
    server.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)
