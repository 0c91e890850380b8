"""Evidence: files and links that back an answer, checked for what they really are, scanned for
malware, stored outside the web root and served only as attachments.

Where things live:
- services.py   attaching evidence; `evidence_attach` is the one write every path uses (the
                internal form and API, the vendor's portal)
- types.py      what an upload really is, from its bytes; the size limit
- scan.py       the malware verdicts (at upload, and the re-scan of files stored while the scanner
                was down); scanner.py talks to clamd
- tasks.py      the beat task that re-scans
- views.py      the access-checked download

Other packages import only what this module lists.
"""

from assessments.evidence.scan import evidence_rescan_pending, evidence_scan_unscanned
from assessments.evidence.scanner import ScannerUnavailable
from assessments.evidence.services import (
    NOT_ACCEPTING_EVIDENCE,
    EvidenceItem,
    evidence_accepting_require,
    evidence_add,
    evidence_attach,
    evidence_screen,
    evidence_write_shared,
)
from assessments.evidence.types import TOO_LARGE

__all__ = [
    "NOT_ACCEPTING_EVIDENCE",
    "TOO_LARGE",
    "EvidenceItem",
    "ScannerUnavailable",
    "evidence_accepting_require",
    "evidence_add",
    "evidence_attach",
    "evidence_rescan_pending",
    "evidence_scan_unscanned",
    "evidence_screen",
    "evidence_write_shared",
]
