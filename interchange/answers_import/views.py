"""The import pages of one assessment: upload, preview and accept, column mappings."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from assessments.questionnaire.structure import questionnaire_structure
from assessments.selectors import assessment_get_for_user
from core.errors import ServiceError
from core.permissions import can_answer, role_required
from interchange.answers_import.column_mappings import column_mapping_save, links_text
from interchange.answers_import.forms import ColumnMappingForm, UploadForm
from interchange.answers_import.services import (
    answers_import_apply,
    answers_import_discard,
    answers_import_get,
    answers_import_preview,
    import_formats,
)
from interchange.answers_import.suggest import CONFIDENCE_WORDS
from interchange.export import export_filename
from interchange.models import AnswersImport, ColumnMapping
from interchange.offline import assessment_offline_questionnaire

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

IMPORTED = (
    "Imported {count} answer{s} as the vendor's claims; the file is attached to each as evidence."
)
DISCARDED = "The preview was discarded; nothing was imported."
MAPPING_SAVED = "The column mapping “{name}” was saved; choose it as the file's format below."


def _form_errors(form, error: ServiceError) -> None:
    for field, problems in (error.field_errors or {None: [error.message]}).items():
        form.add_error(field if field in form.fields else None, problems)


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_answer)
def import_start(request, pk):
    assessment = assessment_get_for_user(user=request.user, pk=pk)
    formats = import_formats(assessment=assessment)
    form = UploadForm(request.POST or None, request.FILES or None, formats=formats)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                record = answers_import_preview(
                    actor=request.user,
                    assessment_pk=pk,
                    upload=form.cleaned_data["file"],
                    source_format=form.cleaned_data["source_format"],
                )
            except ServiceError as error:
                _form_errors(form, error)
                status = error.http_status
            else:
                return redirect("interchange:import-preview", pk=pk, import_id=record.pk)
        else:
            status = 400
    context = {
        "assessment": assessment,
        "form": form,
        "imports": AnswersImport.objects.filter(assessment=assessment).select_related(
            "created_by", "applied_by"
        )[:10],
        "mappings": ColumnMapping.objects.all(),
    }
    return render(request, "interchange/import_start.html", context, status=status)


def _preview_domains(record: AnswersImport, structure) -> list[dict]:
    items = {i["question"]: i for i in record.preview["items"]}
    domains = []
    for domain in structure.domains:
        rows = [
            {
                **items[q.key],
                "text": q.text,
                "confidence_words": CONFIDENCE_WORDS[items[q.key]["confidence"]],
            }
            for q in domain.questions
            if q.key in items
        ]
        if rows:
            domains.append({"key": domain.key, "title": domain.title, "rows": rows})
    return domains


def _preview_page(request, assessment, record, *, error: str = "", status: int = 200):
    structure = questionnaire_structure(assessment.questionnaire)
    items = record.preview["items"]
    counts = {c: sum(1 for i in items if i["confidence"] == c) for c in CONFIDENCE_WORDS}
    context = {
        "assessment": assessment,
        "record": record,
        "domains": _preview_domains(record, structure),
        "counts": counts,
        "total": len(items),
        "error": error,
        "questions_in_questionnaire": len(structure.questions),
    }
    return render(request, "interchange/import_preview.html", context, status=status)


@require_safe
@role_required(can_answer)
def import_preview(request, pk, import_id):
    assessment = assessment_get_for_user(user=request.user, pk=pk)
    record = answers_import_get(assessment=assessment, import_id=import_id)
    return _preview_page(request, assessment, record)


@require_POST
@role_required(can_answer)
def import_apply(request, pk, import_id):
    assessment = assessment_get_for_user(user=request.user, pk=pk)
    record = answers_import_get(assessment=assessment, import_id=import_id)
    try:
        applied = answers_import_apply(
            actor=request.user,
            assessment_pk=pk,
            import_id=record.pk,
            accepted=request.POST.getlist("accept"),
            domains=request.POST.getlist("domain"),
        )
    except ServiceError as error:
        return _preview_page(
            request, assessment, record, error=error.message, status=error.http_status
        )
    count = len(applied.applied_questions)
    messages.success(request, IMPORTED.format(count=count, s="" if count == 1 else "s"))
    return redirect("assessments:form", pk=pk)


@require_POST
@role_required(can_answer)
def import_discard(request, pk, import_id):
    assessment = assessment_get_for_user(user=request.user, pk=pk)
    record = answers_import_get(assessment=assessment, import_id=import_id)
    try:
        answers_import_discard(actor=request.user, assessment_pk=pk, import_id=record.pk)
    except ServiceError as error:
        return _preview_page(
            request, assessment, record, error=error.message, status=error.http_status
        )
    messages.success(request, DISCARDED)
    return redirect("interchange:import", pk=pk)


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_answer)
def mapping_edit(request, pk, mapping_id=None):
    assessment = assessment_get_for_user(user=request.user, pk=pk)
    mapping = get_object_or_404(ColumnMapping, pk=mapping_id) if mapping_id else None
    initial = {}
    if mapping is not None:
        initial = {
            "name": mapping.name,
            "sheet": mapping.sheet,
            "id_column": mapping.id_column,
            "answer_column": mapping.answer_column,
            "notes_column": mapping.notes_column,
            "links": links_text(mapping),
        }
    form = ColumnMappingForm(request.POST or None, initial=initial)
    structure = questionnaire_structure(assessment.questionnaire)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                saved = column_mapping_save(
                    actor=request.user,
                    structure=structure,
                    mapping=mapping,
                    fields=form.cleaned_data,
                )
            except ServiceError as error:
                _form_errors(form, error)
                status = error.http_status
            else:
                messages.success(request, MAPPING_SAVED.format(name=saved.name))
                return redirect("interchange:import", pk=pk)
        else:
            status = 400
    context = {"assessment": assessment, "form": form, "mapping": mapping, "structure": structure}
    return render(request, "interchange/mapping_form.html", context, status=status)


@require_safe
@role_required(can_answer)
def offline_questionnaire(request, pk):
    """The blank questionnaire as a workbook, for the vendor to fill in offline and send back."""
    assessment = assessment_get_for_user(user=request.user, pk=pk)
    content = assessment_offline_questionnaire(assessment=assessment)
    name = export_filename(assessment, "xlsx").replace(".xlsx", "-questionnaire.xlsx")
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
