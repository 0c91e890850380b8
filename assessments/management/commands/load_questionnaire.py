from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from assessments.questionnaire.errors import QuestionnaireError
from assessments.questionnaire.loader import questionnaire_load_file


class Command(BaseCommand):
    help = "Validate questionnaire YAML files and import each as a new version, in the order given."

    def add_arguments(self, parser):
        parser.add_argument("paths", type=Path, nargs="+", metavar="path")
        parser.add_argument(
            "--draft", action="store_true", help="Import as a draft instead of publishing it."
        )

    def handle(self, *args, paths: list[Path], draft: bool, **options):
        for path in paths:
            try:
                result = questionnaire_load_file(path=path, publish=not draft)
            except QuestionnaireError as exc:
                raise CommandError(str(exc)) from None
            self.stdout.write(result.message)
