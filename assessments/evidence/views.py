"""Downloading an evidence file (access-checked, never rendered by the browser), and the page of
one evidence document: what it is, what it covers and for when (recorded by whoever attached it),
the scope check's verdict for this offering, and an architect's confirmation."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from assessments.attestation import attestation_checks
from assessments.evidence.document_form import ConfirmForm, DocumentForm
from assessments.evidence.documents import document_confirm, document_record
from assessments.evidence.scan import evidence_download_refusal
from assessments.evidence.services import evidence_accepting_require
from assessments.models import Evidence, EvidenceDocument
from assessments.selectors import assessment_get_for_user
from assessments.workflow import REVIEWER_EVIDENCE
from core.errors import ServiceError
from core.permissions import can_attach_evidence, can_read, can_review, role_required

SAVED = "The document's facts are saved."
CONFIRMED = "You confirmed the document's facts."


@require_safe
@role_required(can_read)
def evidence_download(request, pk, evidence_id):
    assessment = assessment_get_for_user(user=request.user, pk=pk)
    evidence = get_object_or_404(Evidence, pk=evidence_id, answer__assessment=assessment)
    if not evidence.file:
        raise Http404("This evidence is a link, not a file.")
    refusal = evidence_download_refusal(evidence)
    if refusal is not None:
        status, reason = refusal
        return HttpResponse(reason, status=status, content_type="text/plain; charset=utf-8")
    response = FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.original_name or "evidence",
        content_type=evidence.content_type or "application/octet-stream",
    )
    # Even if a browser were tempted to render it, the file gets no script, no origin, no frame.
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _evidence(request, pk, evidence_id) -> Evidence:
    assessment = assessment_get_for_user(user=request.user, pk=pk)
    return get_object_or_404(
        Evidence.objects.select_related("answer__question", "answer__assessment__offering"),
        pk=evidence_id,
        answer__assessment=assessment,
    )


def _may_record(evidence: Evidence, user) -> bool:
    try:
        evidence_accepting_require(evidence.answer.assessment, user)
    except ServiceError:
        return False
    return True


def _initial(request, document) -> dict:
    """The recorded facts; before any, the kind chosen at upload (?kind=), if it is one."""
    if document is not None:
        return DocumentForm.initial_from(document)
    kind = request.GET.get("kind", "")
    return {"kind": kind} if kind in EvidenceDocument.Kind.values else {}


def _page(request, evidence, *, form=None, confirm_form=None, status=200):
    assessment = evidence.answer.assessment
    document = EvidenceDocument.objects.filter(evidence=evidence).first()
    reports = EvidenceDocument.objects.filter(
        evidence__answer__assessment=assessment, kind="soc2_type2"
    ).exclude(evidence=evidence)
    check = None
    if document is not None and document.kind != "bridge_letter":
        found = attestation_checks(assessment_pk=assessment.pk).get(evidence.answer_id, ())
        check = next((c.check for c in found if c.document.pk == document.pk), None)
    may_record = _may_record(evidence, request.user)
    justification = document.scope_justification if document else ""
    may_confirm = (
        document is not None and can_review(request.user) and assessment.status in REVIEWER_EVIDENCE
    )
    return render(
        request,
        "assessments/evidence_document.html",
        {
            "assessment": assessment,
            "evidence": evidence,
            "document": document,
            "check": check,
            "offering": assessment.offering,
            "form": form or DocumentForm(initial=_initial(request, document), reports=reports),
            "confirm_form": confirm_form
            or ConfirmForm(initial={"scope_justification": justification}),
            "may_record": may_record,
            "may_confirm": may_confirm,
        },
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_read)
def evidence_document(request, pk, evidence_id):
    if request.method == "POST" and not can_attach_evidence(request.user):
        raise PermissionDenied  # the role, before any object is looked up
    evidence = _evidence(request, pk, evidence_id)
    if request.method != "POST":
        return _page(request, evidence)
    reports = EvidenceDocument.objects.filter(
        evidence__answer__assessment_id=evidence.answer.assessment_id, kind="soc2_type2"
    ).exclude(evidence=evidence)
    form = DocumentForm(request.POST, reports=reports)
    if not form.is_valid():
        return _page(request, evidence, form=form, status=400)
    data = dict(form.cleaned_data)
    kind = data.pop("kind")
    try:
        document_record(actor=request.user, evidence=evidence, kind=kind, data=data)
    except ServiceError as error:
        for field, problems in (error.field_errors or {None: [error.message]}).items():
            form.add_error(field if field in form.fields else None, problems)
        return _page(request, evidence, form=form, status=error.http_status)
    messages.success(request, SAVED)
    return redirect("assessments:evidence-document", pk=pk, evidence_id=evidence_id)


@require_POST
@role_required(can_review)
def evidence_document_confirm(request, pk, evidence_id):
    evidence = _evidence(request, pk, evidence_id)
    document = get_object_or_404(EvidenceDocument, evidence=evidence)
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        return _page(request, evidence, confirm_form=form, status=400)
    try:
        document_confirm(
            actor=request.user,
            document=document,
            scope_justification=form.cleaned_data["scope_justification"],
        )
    except ServiceError as error:
        for field, problems in (error.field_errors or {None: [error.message]}).items():
            form.add_error(field if field in form.fields else None, problems)
        return _page(request, evidence, confirm_form=form, status=error.http_status)
    messages.success(request, CONFIRMED)
    return redirect("assessments:evidence-document", pk=pk, evidence_id=evidence_id)
