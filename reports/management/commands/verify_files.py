"""manage.py verify_files: every evidence file and report PDF the database refers to is present
and matches its recorded sha256. Exits 1 when one is not (after a restore: restore the files of
the same night; a missing report PDF is made again when someone requests that report)."""

from django.core.management.base import BaseCommand, CommandError

from reports.integrity import stored_files_check


class Command(BaseCommand):
    help = "Check that every stored evidence file and report PDF is present and unaltered."

    def handle(self, *args, **options):
        checked, problems = 0, []
        for result in stored_files_check():
            checked += 1
            if result is not None:
                problems.append(result)
                self.stderr.write(
                    f"{result.kind} {result.object_id}: {result.problem} ({result.name})"
                )
        if problems:
            raise CommandError(f"{len(problems)} of {checked} stored files are missing or altered.")
        self.stdout.write(f"All {checked} stored files are present and match their checksums.")
