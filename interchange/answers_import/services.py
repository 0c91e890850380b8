"""Importing a vendor's filled questionnaire: a preview first, then only what someone accepts.

The preview (answers_import_preview) reads the file and stores what it suggests, nothing else.
Accepting (answers_import_apply) writes the chosen answers as the vendor's claims through the
same batch save every other path uses, attaches the file to each of them as evidence and
records one audit event, all in one transaction: either every accepted answer is imported or
none is."""

import hashlib
import uuid

from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from assessments.answers import AnswerChange, AnswerInput, BatchRefused, answers_save_many
from assessments.answers.services import assessment_ensure_editable
from assessments.audit import Author, audit_record
from assessments.evidence import (
    EvidenceItem,
    evidence_accepting_require,
    evidence_screen,
    evidence_write_shared,
)
from assessments.models import Answer, Assessment, AuditAction, EvidenceLevel
from assessments.questionnaire.structure import questionnaire_structure
from assessments.selectors import assessment_get_for_user
from core.errors import ConflictError, NotAllowed, ServiceError
from core.permissions import can_answer
from interchange.answers_import.formats import FileRefused, caiq_rows, mapped_rows, offline_rows
from interchange.answers_import.mapping import caiq_mapping_for
from interchange.answers_import.suggest import (
    Suggestion,
    caiq_suggestions,
    explanation_for,
    labelled_suggestions,
)
from interchange.models import AnswersImport, ColumnMapping
from interchange.previews import stale_previews_forget
from interchange.tables import MAX_FILE_BYTES, TOO_LARGE, TableError, tables_read

CAIQ, OFFLINE, MAPPING_PREFIX = "caiq-v4", "offline", "mapping:"
NOT_ALLOWED = "Only procurement and administrators import answers."
UNKNOWN_FORMAT = "Choose one of the formats listed."
NO_FILE = "Choose the vendor's file to upload."
NOTHING_SUGGESTED = (
    "The file answers none of this questionnaire's questions: no row it holds is linked to one "
    "of them. Check that the format chosen matches the file."
)
NOTHING_CHOSEN = "Tick at least one answer to import."
NOT_IN_PREVIEW = "These questions are not in the preview: {keys}."
ALREADY_DONE = "This preview was already {status}; upload the file again to import from it."
CHANGED_SINCE = (
    "Nothing was imported: {count} of these answers changed after the preview was made ({keys}). "
    "Upload the file again to see a fresh preview."
)
REFUSED_ITEM = "Nothing was imported: {question}: {problem}"
OFFLINE_WHY = "Answered in our own offline questionnaire: the answer names the option."
MAPPED_WHY = "Linked by the column mapping “{name}”."


def _require_answerer(actor) -> None:
    if not can_answer(actor):
        raise NotAllowed(NOT_ALLOWED)


def import_formats(*, assessment: Assessment) -> list[tuple[str, str]]:
    """The formats a file for this assessment can be read as: CAIQ where a mapping fits its
    questionnaire version, our offline questionnaire, and every saved column mapping."""
    questionnaire = assessment.questionnaire
    formats = []
    if caiq_mapping_for(questionnaire.key, questionnaire.version) is not None:
        formats.append((CAIQ, "CSA CAIQ v4.0.x"))
    formats.append((OFFLINE, "Our offline questionnaire, filled in"))
    for mapping in ColumnMapping.objects.all():
        formats.append((f"{MAPPING_PREFIX}{mapping.pk}", f"Column mapping: {mapping.name}"))
    return formats


def _suggestions(source_format: str, tables, assessment, structure) -> tuple[list, str]:
    questionnaire = assessment.questionnaire
    if source_format == CAIQ:
        mapping = caiq_mapping_for(questionnaire.key, questionnaire.version)
        if mapping is None:
            raise ServiceError(UNKNOWN_FORMAT, field_errors={"source_format": [UNKNOWN_FORMAT]})
        return caiq_suggestions(mapping, caiq_rows(tables), structure), mapping.title
    if source_format == OFFLINE:
        rows = offline_rows(tables, structure, questionnaire)
        links = {q.key: [q.key] for q in structure.questions}
        found = labelled_suggestions(links, rows, structure, why=OFFLINE_WHY)
        return found, "Offline questionnaire"
    mapping = _mapping_of(source_format)
    links: dict[str, list[str]] = {}
    for link in mapping.links:
        links.setdefault(link["source"], []).append(link["question"])
    why = MAPPED_WHY.format(name=mapping.name)
    found = labelled_suggestions(links, mapped_rows(tables, mapping), structure, why=why)
    return found, f"Column mapping: {mapping.name}"


def _mapping_of(source_format: str) -> ColumnMapping:
    mapping = None
    if source_format.startswith(MAPPING_PREFIX):
        try:
            mapping_id = uuid.UUID(source_format.removeprefix(MAPPING_PREFIX))
        except ValueError:
            mapping_id = None  # a malformed id is just "not one of the formats"
        mapping = ColumnMapping.objects.filter(pk=mapping_id).first() if mapping_id else None
    if mapping is None:
        raise ServiceError(UNKNOWN_FORMAT, field_errors={"source_format": [UNKNOWN_FORMAT]})
    return mapping


def _current_answers(assessment: Assessment, structure) -> dict[str, dict]:
    current = {}
    for answer in Answer.objects.filter(assessment=assessment):
        question = structure.by_id.get(answer.question_id)
        if question is None:
            continue
        option = question.option_by_id(answer.option_id)
        current[question.key] = {
            "option": option.key if option else None,
            "na": answer.is_na,
            "label": "Not applicable" if answer.is_na else (option.label if option else ""),
            "explanation": answer.explanation,
            "level": answer.evidence_level,
            "level_label": EvidenceLevel(answer.evidence_level).label.split(" — ")[0].lower(),
            "version": answer.version,
        }
    return current


def _preview_item(suggestion: Suggestion, structure, current: dict | None, file_name: str) -> dict:
    question = structure.question(suggestion.question)
    option = question.option(suggestion.option)
    answered = current is not None and (current["option"] or current["na"])
    same = answered and (current["option"], current["na"]) == (suggestion.option, suggestion.na)
    return {
        "question": question.key,
        "domain": question.domain_key,
        "option": suggestion.option,
        "na": suggestion.na,
        "label": "Not applicable" if suggestion.na else (option.label if option else ""),
        "confidence": suggestion.confidence,
        "why": suggestion.why,
        "explanation": explanation_for(file_name, suggestion.sources),
        "sources": [row.as_dict() for row in suggestion.sources],
        "current": current,
        # Ticked at first only where it fills a gap: an answer someone already gave, or a note
        # with no answer, is replaced only when someone asks for it.
        "ticked": not answered and suggestion.confidence != "text",
        "same": bool(same),
    }


def answers_import_preview(
    *, actor, assessment_pk, upload: UploadedFile | None, source_format: str
) -> AnswersImport:
    _require_answerer(actor)
    assessment = assessment_get_for_user(user=actor, pk=assessment_pk)
    assessment_ensure_editable(assessment)
    if upload is None:
        raise ServiceError(NO_FILE, field_errors={"file": [NO_FILE]})
    if upload.size > MAX_FILE_BYTES:
        raise ServiceError(TOO_LARGE, field_errors={"file": [TOO_LARGE]})
    if source_format not in {value for value, _ in import_formats(assessment=assessment)}:
        raise ServiceError(UNKNOWN_FORMAT, field_errors={"source_format": [UNKNOWN_FORMAT]})
    content = upload.read()
    name = upload.name or "upload"
    structure = questionnaire_structure(assessment.questionnaire)
    try:
        suggestions, label = _suggestions(
            source_format, tables_read(content=content, file_name=name), assessment, structure
        )
    except TableError as refused:
        raise ServiceError(str(refused), field_errors={"file": [str(refused)]}) from refused
    except FileRefused as refused:
        raise ServiceError(refused.errors[0], field_errors={"file": refused.errors}) from refused
    if not suggestions:
        raise ServiceError(NOTHING_SUGGESTED, field_errors={"file": [NOTHING_SUGGESTED]})
    current = _current_answers(assessment, structure)
    items = [_preview_item(s, structure, current.get(s.question), name) for s in suggestions]
    stale_previews_forget(AnswersImport)
    return AnswersImport.objects.create(
        assessment=assessment,
        source_format=source_format,
        format_label=label,
        original_name=name[:255],
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        content=content,
        preview={"items": items},
        created_by=actor,
    )


def answers_import_get(*, assessment: Assessment, import_id) -> AnswersImport:
    """An import of this assessment (the assessment itself came through its access check)."""
    found = AnswersImport.objects.filter(assessment=assessment, pk=import_id).first()
    if found is None:
        raise Http404("No such import.")
    return found


def _chosen(record: AnswersImport, accepted: list[str], domains: list[str]) -> list[dict]:
    items = record.preview["items"]
    keys = set(accepted) | {i["question"] for i in items if i["domain"] in set(domains)}
    if not keys:
        raise ServiceError(NOTHING_CHOSEN, field_errors={"accept": [NOTHING_CHOSEN]})
    unknown = keys - {i["question"] for i in items}
    if unknown:
        message = NOT_IN_PREVIEW.format(keys=", ".join(sorted(unknown)[:10]))
        raise ServiceError(message, field_errors={"accept": [message]})
    return [i for i in items if i["question"] in keys]


def _answer_input(item: dict) -> AnswerInput:
    current = item["current"] or {}
    version = current.get("version")
    if item["confidence"] == "text":
        # Only the explanation comes in: whatever was chosen, and how well it is backed, stays.
        level = current.get("level") or EvidenceLevel.CLAIM
        change = AnswerChange(
            current.get("option"), bool(current.get("na")), item["explanation"], level
        )
    else:
        # The same option keeps the level someone already established for it; a new one is
        # what the vendor claims, nothing more.
        level = current.get("level") if item["same"] else EvidenceLevel.CLAIM
        change = AnswerChange(
            item["option"], item["na"], item["explanation"], level or EvidenceLevel.CLAIM
        )
    return AnswerInput(item["question"], change, version)


def _refused(exc: BatchRefused, chosen: list[dict], structure) -> ServiceError:
    if exc.conflicts:
        keys = [chosen[i]["question"] for i in sorted(exc.conflicts)]
        message = CHANGED_SINCE.format(count=len(keys), keys=", ".join(keys[:8]))
    else:
        index = next(i for i, errors in enumerate(exc.items) if errors)
        problem = next(iter(exc.items[index].values()))[0]
        question = structure.question(chosen[index]["question"])
        message = REFUSED_ITEM.format(
            question=question.text if question else chosen[index]["question"], problem=problem
        )
    return ConflictError(message, current=None) if exc.conflicts else ServiceError(message)


def answers_import_apply(
    *, actor, assessment_pk, import_id, accepted: list[str], domains: list[str] = ()
) -> AnswersImport:
    _require_answerer(actor)
    assessment = assessment_get_for_user(user=actor, pk=assessment_pk)
    record = answers_import_get(assessment=assessment, import_id=import_id)
    if record.status != AnswersImport.Status.PREVIEWED:
        raise ConflictError(
            ALREADY_DONE.format(status=record.get_status_display().lower()), current=None
        )
    chosen = _chosen(record, list(accepted), list(domains))
    structure = questionnaire_structure(assessment.questionnaire)
    questions = [structure.question(i["question"]) for i in chosen]
    author = Author(user=actor)
    upload = SimpleUploadedFile(record.original_name, bytes(record.content))
    rows = ", ".join(sorted({s["where"].split(", ")[0] for i in chosen for s in i["sources"]}))
    note = f"The vendor's file, imported as {record.format_label} ({rows}); sha256 {record.sha256}."
    item = EvidenceItem(upload=upload, note=note[:2000])
    # Screened before the transaction: a malware scan may take seconds, with no row locked.
    screened = evidence_screen(
        author=author, assessment=assessment, question=questions[0], item=item
    )
    with transaction.atomic():
        locked = AnswersImport.objects.select_for_update().get(pk=record.pk)
        if locked.status != AnswersImport.Status.PREVIEWED:
            raise ConflictError(
                ALREADY_DONE.format(status=locked.get_status_display().lower()), current=None
            )
        try:
            answers_save_many(
                actor=actor, assessment_pk=assessment.pk, inputs=[_answer_input(i) for i in chosen]
            )
        except BatchRefused as exc:
            raise _refused(exc, chosen, structure) from exc
        target = Assessment.objects.select_for_update().get(pk=assessment.pk)
        evidence_accepting_require(target, actor)
        evidence_write_shared(
            author=author, assessment=target, questions=questions, item=item, screened=screened
        )
        audit_record(
            assessment=target,
            actor=actor,
            action=AuditAction.ANSWERS_IMPORTED,
            new={
                "file": record.original_name,
                "sha256": record.sha256,
                "size": record.size,
                "format": record.format_label,
                "questions": [i["question"] for i in chosen],
            },
        )
        locked.status = AnswersImport.Status.APPLIED
        locked.applied_questions = [i["question"] for i in chosen]
        locked.applied_by, locked.applied_at = actor, timezone.now()
        locked.content = b""
        locked.save(
            update_fields=[
                "status",
                "applied_questions",
                "applied_by",
                "applied_at",
                "content",
                "updated_at",
            ]
        )
    return locked


def answers_import_discard(*, actor, assessment_pk, import_id) -> AnswersImport:
    _require_answerer(actor)
    assessment = assessment_get_for_user(user=actor, pk=assessment_pk)
    with transaction.atomic():
        record = answers_import_get(assessment=assessment, import_id=import_id)
        record = AnswersImport.objects.select_for_update().get(pk=record.pk)
        if record.status != AnswersImport.Status.PREVIEWED:
            raise ConflictError(
                ALREADY_DONE.format(status=record.get_status_display().lower()), current=None
            )
        record.status = AnswersImport.Status.DISCARDED
        record.content = b""
        record.save(update_fields=["status", "content", "updated_at"])
    return record
