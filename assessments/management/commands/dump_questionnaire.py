import sys

import yaml
from django.core.management.base import BaseCommand, CommandError

from assessments.models import QuestionnaireVersion
from assessments.questionnaire.export import questionnaire_document


def _without_nulls(value):
    """Optional fields that are unset are left out, as a person would write the file. Not in
    carries_from, where null means something: "not carried"."""
    if isinstance(value, dict):
        return {
            k: v if k == "carries_from" else _without_nulls(v)
            for k, v in value.items()
            if v is not None
        }
    if isinstance(value, list):
        return [_without_nulls(item) for item in value]
    return value


class Command(BaseCommand):
    help = "Write a stored questionnaire version out as YAML (the load_questionnaire format)."

    def add_arguments(self, parser):
        parser.add_argument("key")
        parser.add_argument("version", type=int)
        parser.add_argument("-o", "--output", help="File to write; standard output by default.")

    def handle(self, *args, key: str, version: int, output: str | None, **options):
        questionnaire = QuestionnaireVersion.objects.filter(key=key, version=version).first()
        if questionnaire is None:
            raise CommandError(f"No questionnaire {key} v{version} is loaded.")
        text = yaml.safe_dump(
            _without_nulls(questionnaire_document(questionnaire=questionnaire)),
            sort_keys=False,
            allow_unicode=True,
            width=100,
        )
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text)
        else:
            sys.stdout.write(text)
