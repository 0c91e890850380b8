"""manage.py scan_unscanned_evidence: after switching malware scanning on, the files stored before
(labelled "not scanned") are queued for a scan. They cannot be downloaded until their verdict,
which the beat task records within EVIDENCE_RESCAN_SECONDS; `--now` scans them here instead."""

from django.core.management.base import BaseCommand, CommandError

from assessments.evidence import (
    ScannerUnavailable,
    evidence_rescan_pending,
    evidence_scan_unscanned,
)


class Command(BaseCommand):
    help = "Queue every evidence file stored before malware scanning was switched on for a scan."

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            action="store_true",
            help="scan the queued files now instead of leaving them to beat",
        )

    def handle(self, *args, now: bool = False, **options):
        try:
            queued = evidence_scan_unscanned()
        except ScannerUnavailable as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"{queued} files queued for a malware scan.")
        if not now:
            return
        totals = {"clean": 0, "infected": 0}
        while True:
            counts = evidence_rescan_pending()
            totals = {k: totals[k] + counts[k] for k in totals}
            if counts["pending"] == 0 or counts["clean"] + counts["infected"] == 0:
                break  # done, or the scanner stopped answering (the beat task goes on later)
        self.stdout.write(
            f"clean {totals['clean']}, infected (removed) {totals['infected']}, "
            f"still waiting {counts['pending']}."
        )
        if counts["pending"]:
            raise CommandError("Some files still wait: the scanner did not answer for them.")
