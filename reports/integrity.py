"""Are the files the database refers to all there, and unaltered? Run after a restore (or now and
then): a database restored without its files, or from another night, shows up here, not at the
moment a board member clicks "download"."""

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass

from assessments.models import Evidence
from reports.models import Report
from reports.storage import report_storage

CHUNK = 1 << 20


@dataclass(frozen=True)
class FileProblem:
    kind: str  # "evidence" or "report"
    object_id: str
    name: str
    problem: str  # "missing" or "checksum differs"


def _sha256(storage, name: str) -> str | None:
    try:
        with storage.open(name, "rb") as handle:
            digest = hashlib.sha256()
            while chunk := handle.read(CHUNK):
                digest.update(chunk)
            return digest.hexdigest()
    except FileNotFoundError:
        return None


def _check(kind: str, object_id, storage, name: str, expected: str) -> FileProblem | None:
    actual = _sha256(storage, name)
    if actual is None:
        return FileProblem(kind, str(object_id), name, "missing")
    if actual != expected:
        return FileProblem(kind, str(object_id), name, "checksum differs")
    return None


def stored_files_check() -> Iterator[FileProblem | None]:
    """Yields a problem, or None for a file that is fine, for every evidence file and every
    finished report's PDF."""
    evidence = Evidence.objects.exclude(file="").only("id", "file", "sha256")
    for item in evidence.iterator(chunk_size=500):
        yield _check("evidence", item.pk, item.file.storage, item.file.name, item.sha256)
    storage = report_storage()
    reports = Report.objects.filter(status=Report.Status.DONE).only("id", "artifact_name", "sha256")
    for report in reports.iterator(chunk_size=500):
        yield _check("report", report.pk, storage, report.artifact_name, report.sha256)
