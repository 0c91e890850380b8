"""Browser views for assessments: thin — parse, call one service or selector, render."""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from assessments.charts import RECOMMENDATION_LABELS, domain_bars_svg
from assessments.form_context import assessment_form_context
from assessments.forms import StartAssessmentForm
from assessments.invitation_selectors import invitation_panel_context
from assessments.models import Evidence
from assessments.questionnaire.structure import questionnaire_structure
from assessments.review_context import review_context
from assessments.scoring_adapter import assessment_score
from assessments.selectors import assessment_get_for_user, review_queue_context
from assessments.services.assessments import assessment_create
from assessments.services.errors import ServiceError
from assessments.services.evidence_scan import evidence_download_refusal
from assessments.services.workflow import SubmissionIncomplete, assessment_submit
from core.permissions import can_answer, can_read, can_start_assessment, role_required


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_start_assessment)
def assessment_start(request):
    if request.method == "POST":
        form = StartAssessmentForm(request.POST)
        if form.is_valid():
            try:
                assessment = assessment_create(actor=request.user, **form.cleaned_data)
            except ServiceError as exc:
                for name, errors in exc.field_errors.items():
                    for error in errors:
                        form.add_error(name if name in form.fields else None, error)
            else:
                messages.success(request, "Assessment started. Answers save as you type.")
                return redirect("assessments:form", pk=assessment.pk)
    else:
        form = StartAssessmentForm(initial={"offering": request.GET.get("offering")})
    return render(request, "assessments/start.html", {"form": form})


@require_safe
@role_required(can_read)
def assessment_detail(request, pk):
    assessment = assessment_get_for_user(user=request.user, pk=pk)
    scored = assessment_score(assessment=assessment)
    card = scored.scorecard.to_dict()
    structure = scored.structure
    return render(
        request,
        "assessments/detail.html",
        {
            "assessment": assessment,
            "card": card,
            "chart": domain_bars_svg(card["domains"]),
            "recommendation_label": RECOMMENDATION_LABELS[card["recommendation"]],
            "questions": {q.key: q for q in structure.questions},
            "trace_by_domain": _trace_by_domain(card, structure),
            "reports": assessment.reports.order_by("-created_at")[:3],
            "can_submit": can_answer(request.user)
            and assessment.status in ("draft", "changes_requested"),
            **invitation_panel_context(assessment=assessment, user=request.user),
        },
    )


def _trace_by_domain(card: dict, structure) -> list[dict]:
    rows: dict[str, list] = {d["key"]: [] for d in card["domains"]}
    for row in card["trace"]:
        row = dict(row, text=structure.question(row["key"]).text)
        rows[row["domain"]].append(row)
    return [dict(domain, rows=rows[domain["key"]]) for domain in card["domains"]]


@require_safe
@role_required(can_read)
def assessment_form(request, pk):
    assessment = assessment_get_for_user(user=request.user, pk=pk)
    return render(
        request,
        "assessments/form.html",
        assessment_form_context(assessment=assessment, user=request.user),
    )


@require_POST
@role_required(can_answer)
def assessment_submit_view(request, pk):
    assessment = assessment_get_for_user(user=request.user, pk=pk)
    try:
        assessment_submit(actor=request.user, assessment_pk=assessment.pk)
    except SubmissionIncomplete as exc:
        structure = questionnaire_structure(assessment.questionnaire)
        missing = [structure.question(key) for key in exc.missing]
        return render(
            request,
            "assessments/submit_incomplete.html",
            {"assessment": assessment, "missing": missing},
            status=400,
        )
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect("assessments:detail", pk=assessment.pk)
    messages.success(request, "Submitted for review. The answers are now read-only.")
    return redirect("assessments:detail", pk=assessment.pk)


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


@require_safe
@role_required(can_read)
def assessment_review(request, pk):
    assessment = assessment_get_for_user(user=request.user, pk=pk)
    return render(
        request, "assessments/review.html", review_context(assessment=assessment, user=request.user)
    )


@require_safe
@role_required(can_read)
def assessment_history(request, pk):
    assessment = assessment_get_for_user(user=request.user, pk=pk)
    return render(
        request,
        "assessments/history.html",
        {
            "assessment": assessment,
            "events": _history_events(assessment, request.GET.get("question", "")),
            "question_key": request.GET.get("question", ""),
            "snapshots": assessment.snapshots.all(),
            "revisions": assessment.revisions.all(),
        },
    )


def _history_events(assessment, question_key: str):
    events = assessment.audit_events.all()
    return events.filter(question_key=question_key) if question_key else events


@require_safe
@role_required(can_read)
def review_queue(request):
    return render(request, "assessments/queue.html", review_queue_context(user=request.user))


@require_safe
@role_required(can_read)
def assessment_diff(request, pk):
    # Imported here because the page and its selector share the name `assessment_diff`.
    from assessments.diff import assessment_diff as diff_of

    assessment = assessment_get_for_user(user=request.user, pk=pk)
    against = request.GET.get("against") or assessment.previous_id
    if not against:
        raise Http404("There is no earlier revision to compare with.")
    other = assessment_get_for_user(user=request.user, pk=against)
    return render(
        request,
        "assessments/diff.html",
        {
            "assessment": assessment,
            "against": other,
            "heading": f"Changes since revision {other.revision}",
            "diff": diff_of(old=other, new=assessment),
        },
    )
