"""The type of an upload is decided from its content, not its name."""

import io

import pytest

from assessments.evidence.types import (
    CONTENT_MISMATCH,
    EMPTY_FILE,
    MAX_EVIDENCE_BYTES,
    TOO_LARGE,
    UNSUPPORTED_TYPE,
    UnsupportedEvidence,
    evidence_type_of,
)
from tests.support import files


def _type(name: str, content: bytes, size: int | None = None):
    return evidence_type_of(
        name=name, stream=io.BytesIO(content), size=len(content) if size is None else size
    )


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("report.pdf", files.PDF, "application/pdf"),
        ("diagram.PNG", files.PNG, "image/png"),
        ("photo.jpeg", files.JPEG, "image/jpeg"),
        ("notes.txt", "Résumé of the call\n".encode(), "text/plain"),
        ("inventory.csv", b"cert,expires\na,2027-01-01\n", "text/csv"),
        (
            "narrative.docx",
            files.office("docx"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "controls.xlsx",
            files.office("xlsx"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    ],
)
def test_each_accepted_type_is_recognised_from_its_content(name, content, content_type):
    assert _type(name, content).content_type == content_type


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("report.pdf", files.HTML, CONTENT_MISMATCH.format(ext="pdf")),
        ("logo.png", files.SVG, CONTENT_MISMATCH.format(ext="png")),
        ("notes.txt", files.HTML, CONTENT_MISMATCH.format(ext="txt")),
        ("page.html", files.HTML, UNSUPPORTED_TYPE),
        ("drawing.svg", files.SVG, UNSUPPORTED_TYPE),
        ("bundle.zip", files.plain_zip(), UNSUPPORTED_TYPE),
        ("bundle.docx", files.plain_zip(), CONTENT_MISMATCH.format(ext="docx")),
        ("sheet.xlsx", files.office("docx"), CONTENT_MISMATCH.format(ext="xlsx")),
        ("binary.txt", b"\x00\x01\x02binary", CONTENT_MISMATCH.format(ext="txt")),
        ("noextension", files.PDF, UNSUPPORTED_TYPE),
    ],
)
def test_disguised_or_unsupported_files_are_refused(name, content, message):
    with pytest.raises(UnsupportedEvidence) as excinfo:
        _type(name, content)
    assert str(excinfo.value) == message


def test_files_over_the_limit_and_empty_files_are_refused():
    with pytest.raises(UnsupportedEvidence, match=TOO_LARGE):
        _type("big.pdf", files.PDF, size=MAX_EVIDENCE_BYTES + 1)
    with pytest.raises(UnsupportedEvidence, match=EMPTY_FILE):
        _type("empty.txt", b"")
