"""What an uploaded evidence file really is, decided from its bytes, never from its name alone.

The name's extension must be on the allow-list *and* agree with the content: an HTML page renamed
to .pdf, or an SVG renamed to .png, is refused. Office files are ZIP containers; we read their
directory (never extract) to tell a .docx from an .xlsx from an arbitrary archive.
"""

import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import BinaryIO

from django.conf import settings

MAX_EVIDENCE_BYTES = settings.EVIDENCE_MAX_BYTES
ALLOWED_EXTENSIONS = ("pdf", "png", "jpg", "jpeg", "txt", "csv", "docx", "xlsx")

UNSUPPORTED_TYPE = (
    "This file type is not accepted. Upload a PDF, PNG, JPEG, plain text, CSV, Word (.docx) or "
    "Excel (.xlsx) file."
)
CONTENT_MISMATCH = "The file's content does not match its extension (.{ext}); it was not stored."
TOO_LARGE = f"The file is larger than {MAX_EVIDENCE_BYTES // (1024 * 1024)} MB."
EMPTY_FILE = "The file is empty."


@dataclass(frozen=True)
class EvidenceType:
    extension: str
    content_type: str


class UnsupportedEvidence(ValueError):
    pass


_TYPES = {
    "pdf": EvidenceType("pdf", "application/pdf"),
    "png": EvidenceType("png", "image/png"),
    "jpg": EvidenceType("jpg", "image/jpeg"),
    "txt": EvidenceType("txt", "text/plain"),
    "csv": EvidenceType("csv", "text/csv"),
    "docx": EvidenceType(
        "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    ),
    "xlsx": EvidenceType(
        "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    ),
}
# Markup that a browser would render or run if it ever treated the file as a page.
_MARKUP_MARKERS = (b"<html", b"<script", b"<svg", b"<!doctype", b"<body", b"<iframe", b"<?xml")


def _extension(name: str) -> str:
    ext = PurePath(name).suffix.lower().lstrip(".")
    return "jpg" if ext == "jpeg" else ext


def _sniff(head: bytes, stream: BinaryIO) -> str | None:
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"PK\x03\x04"):
        return _office_kind(stream)
    if _looks_like_text(head):
        return "text"
    return None


def _office_kind(stream: BinaryIO) -> str | None:
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return None


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        # A multi-byte character may be cut at the end of the sample.
        try:
            text = head[:-4].decode("utf-8")
        except UnicodeDecodeError:
            return False
    lowered = text.lower().encode()
    if any(marker in lowered for marker in _MARKUP_MARKERS):
        return False
    printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text)
    return printable >= 0.95 * max(1, len(text))


def evidence_type_of(*, name: str, stream: BinaryIO, size: int) -> EvidenceType:
    """Decide the type of an upload or raise UnsupportedEvidence with a sentence for the user."""
    if size > MAX_EVIDENCE_BYTES:
        raise UnsupportedEvidence(TOO_LARGE)
    if size == 0:
        raise UnsupportedEvidence(EMPTY_FILE)
    ext = _extension(name)
    if ext not in {_extension(f"x.{e}") for e in ALLOWED_EXTENSIONS}:
        raise UnsupportedEvidence(UNSUPPORTED_TYPE)
    stream.seek(0)
    head = stream.read(8192)
    stream.seek(0)
    kind = _sniff(head, stream)
    stream.seek(0)
    if kind == "text" and ext in ("txt", "csv"):
        return _TYPES[ext]
    if kind != ext:
        raise UnsupportedEvidence(CONTENT_MISMATCH.format(ext=ext))
    return _TYPES[ext]
