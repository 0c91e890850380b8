"""Where report PDFs are kept: Django's storage API, so S3-compatible storage (django-storages)
can replace the filesystem by configuration alone (STORAGES["reports"])."""

import hashlib

from django.core.files.base import ContentFile
from django.core.files.storage import storages

STORAGE_ALIAS = "reports"


def report_storage():
    return storages[STORAGE_ALIAS]


def artifact_save(*, name: str, content: bytes) -> str:
    """Write under a temporary name, then move into place, so a reader never sees half a file.
    Every version is kept: names are unique per report."""
    storage = report_storage()
    temporary = storage.save(f"{name}.partial", ContentFile(content))
    final = _move(storage, temporary, name)
    return final


def _move(storage, source: str, target: str) -> str:
    path_of = getattr(storage, "path", None)
    if path_of is not None:  # local filesystem: an atomic rename
        import os

        os.replace(path_of(source), path_of(target))
        return target
    with storage.open(source, "rb") as handle:  # object stores: copy then delete
        final = storage.save(target, handle)
    storage.delete(source)
    return final


def artifact_read_verified(*, name: str, expected_sha256: str) -> bytes:
    try:
        with report_storage().open(name, "rb") as handle:
            content = handle.read()
    except FileNotFoundError:
        # e.g. a database restored without its artifacts: say so instead of failing with a 500.
        raise ArtifactMissing(name) from None
    if hashlib.sha256(content).hexdigest() != expected_sha256:
        raise ArtifactCorrupted(name)
    return content


class ArtifactCorrupted(Exception):
    """The stored PDF no longer matches the checksum recorded when it was made."""


class ArtifactMissing(ArtifactCorrupted):
    """The stored PDF is gone; asking for the report again makes it anew."""
