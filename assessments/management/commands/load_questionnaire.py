from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from assessments.questionnaire.errors import QuestionnaireError
from assessments.questionnaire.loader import questionnaire_load_file


class Command(BaseCommand):
    help = "Validate a questionnaire YAML file and import it as a new version."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--draft", action="store_true", help="Import as a draft instead of publishing it."
        )

    def handle(self, *args, path: Path, draft: bool, **options):
        try:
            result = questionnaire_load_file(path=path, publish=not draft)
        except QuestionnaireError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(result.message)
