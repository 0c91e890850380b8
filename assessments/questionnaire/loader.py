"""Importing questionnaire files as new versions: all or nothing, idempotent by content hash."""

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.db import transaction
from django.utils import timezone

from assessments.models import Domain, Option, Question, QuestionnaireVersion
from assessments.questionnaire.errors import QuestionnaireError
from assessments.questionnaire.schema import validate_document


@dataclass(frozen=True)
class LoadResult:
    questionnaire: QuestionnaireVersion
    created: bool

    @property
    def message(self) -> str:
        q = self.questionnaire
        if not self.created:
            return (
                f"{q.key} v{q.version} is already loaded with identical content; nothing changed."
            )
        return (
            f"Loaded {q.key} v{q.version} ({q.status}): {q.domains.count()} domains, "
            f"{q.questions.count()} questions."
        )


def document_sha256(document: dict) -> str:
    canonical = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def parse_questionnaire_text(text: str, source: str) -> dict:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "is not valid YAML"
        raise QuestionnaireError(source, where, f"invalid YAML: {problem}") from None
    return validate_document(data, source)


def questionnaire_load_file(*, path: Path, publish: bool = True) -> LoadResult:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QuestionnaireError(str(path), "", f"cannot be read: {exc}") from None
    document = parse_questionnaire_text(text, Path(path).name)
    return questionnaire_import(document=document, source=Path(path).name, publish=publish)


@transaction.atomic
def questionnaire_import(*, document: dict, source: str, publish: bool = True) -> LoadResult:
    digest = document_sha256(document)
    existing = (
        QuestionnaireVersion.objects.select_for_update()
        .filter(key=document["key"], version=document["version"])
        .first()
    )
    if existing is not None:
        if existing.content_sha256 == digest:
            return LoadResult(existing, created=False)
        _refuse_replacing(existing, source)
        existing.delete()
    version = QuestionnaireVersion.objects.create(
        key=document["key"],
        version=document["version"],
        title=document["title"],
        description=document["description"],
        scoring_policy=document["scoring"],
        carries_from=document.get("carries_from") or {},
        reference_schemes=document.get("reference_schemes") or [],
        content_sha256=digest,
        status=QuestionnaireVersion.Status.PUBLISHED
        if publish
        else QuestionnaireVersion.Status.DRAFT,
        published_at=timezone.now() if publish else None,
    )
    _create_rows(version, document["domains"])
    return LoadResult(version, created=True)


def _refuse_replacing(existing: QuestionnaireVersion, source: str) -> None:
    label = f"{existing.key} v{existing.version}"
    if existing.is_locked:
        raise QuestionnaireError(
            source,
            "version",
            f"{label} is {existing.status} and can never change; give the changed content a new "
            "version number",
        )
    if existing.assessments.exists():
        raise QuestionnaireError(
            source,
            "version",
            f"draft {label} already has assessments; give the changed content a new version number",
        )


def _create_rows(version: QuestionnaireVersion, domains: list[dict]) -> None:
    domain_rows = Domain.objects.bulk_create(
        Domain(
            questionnaire=version,
            key=d["key"],
            title=d["title"],
            description=d["description"],
            weight=d["weight"],
            position=i,
        )
        for i, d in enumerate(domains)
    )
    question_specs = [
        (row, q) for row, d in zip(domain_rows, domains, strict=True) for q in d["questions"]
    ]
    question_rows = Question.objects.bulk_create(
        Question(
            questionnaire=version,
            domain=domain_row,
            key=q["key"],
            text=q["text"],
            help=q["help"],
            required=q["required"],
            allows_na=q["allows_na"],
            weight=q["weight"],
            show_if=q["show_if"],
            refines=q.get("refines") or "",
            scored=q.get("scored", True),
            references=q.get("references") or [],
            position=i,
        )
        for i, (domain_row, q) in enumerate(question_specs)
    )
    Option.objects.bulk_create(
        _option_row(question_row, q, o, i)
        for question_row, (_, q) in zip(question_rows, question_specs, strict=True)
        for i, o in enumerate(q["options"])
    )


def _option_row(question: Question, spec: dict, option: dict, position: int) -> Option:
    # What an unknown answer raises is written beside the question in the file and stored on its
    # unknown option, where scoring and accepting a risk find every finding.
    finding = option["finding"] or (spec.get("unknown_finding") if option["unknown"] else None)
    return Option(
        question=question,
        key=option["key"],
        label=option["label"],
        score=option["score"],
        is_unknown=option["unknown"],
        position=position,
        finding_severity=(finding or {}).get("severity", ""),
        finding_title=(finding or {}).get("title", ""),
        finding_rationale=(finding or {}).get("rationale", ""),
        impacts=option.get("impacts") or [],
    )


@transaction.atomic
def questionnaire_publish(*, questionnaire: QuestionnaireVersion) -> QuestionnaireVersion:
    locked = QuestionnaireVersion.objects.select_for_update().get(pk=questionnaire.pk)
    if locked.status == QuestionnaireVersion.Status.DRAFT:
        locked.status = QuestionnaireVersion.Status.PUBLISHED
        locked.published_at = timezone.now()
        locked.save(update_fields=["status", "published_at", "updated_at"])
    return locked


@transaction.atomic
def questionnaire_retire(*, questionnaire: QuestionnaireVersion) -> QuestionnaireVersion:
    locked = QuestionnaireVersion.objects.select_for_update().get(pk=questionnaire.pk)
    if locked.status == QuestionnaireVersion.Status.PUBLISHED:
        locked.status = QuestionnaireVersion.Status.RETIRED
        locked.save(update_fields=["status", "updated_at"])
    return locked
