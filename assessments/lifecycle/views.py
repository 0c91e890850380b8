"""An assessment's own pages: start one, its scorecard, submit it, its history, and what changed
since the revision before. Thin: parse, call one service or selector, render."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from assessments.charts import RECOMMENDATION_LABELS, domain_bars_svg, findings_by_domain_svg
from assessments.clarifications import clarification_requests
from assessments.impact import assessment_impact_matrix
from assessments.impact_chart import impact_cell_lists, impact_grid_svg
from assessments.invitations import invitation_panel_context
from assessments.lifecycle.forms import StartAssessmentForm
from assessments.lifecycle.history import history_page_context
from assessments.lifecycle.services import (
    SubmissionIncomplete,
    assessment_create,
    assessment_submit,
)
from assessments.models import QuestionnaireVersion
from assessments.questionnaire.coverage import questionnaire_coverage
from assessments.questionnaire.selectors import questionnaire_newest_published
from assessments.questionnaire.structure import (
    questionnaire_structure,
    questionnaire_structure_by_id,
)
from assessments.review import decided_departure_sentence
from assessments.scoring_adapter import assessment_score, scored_domains
from assessments.selectors import assessment_get_for_user
from core.errors import ServiceError
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
        form = StartAssessmentForm(
            initial={
                "offering": request.GET.get("offering"),
                "questionnaire": questionnaire_newest_published(),
            }
        )
    return render(request, "assessments/start.html", {"form": form})


@require_safe
@role_required(can_read)
def questionnaire_coverage_page(request, pk):
    """Which criteria of each scheme the questionnaire version touches, and which not."""
    questionnaire = get_object_or_404(
        QuestionnaireVersion.objects.exclude(status=QuestionnaireVersion.Status.DRAFT), pk=pk
    )
    return render(
        request,
        "assessments/coverage.html",
        {
            "questionnaire": questionnaire,
            "schemes": questionnaire_coverage(
                schemes=questionnaire.reference_schemes,
                structure=questionnaire_structure(questionnaire),
            ),
        },
    )


@require_safe
@role_required(can_read)
def assessment_detail(request, pk):
    assessment = assessment_get_for_user(user=request.user, pk=pk)
    scored = assessment_score(assessment=assessment)
    card = scored.scorecard.to_dict()
    structure = scored.structure
    matrix = (
        assessment_impact_matrix(assessment=assessment, scorecard=scored.scorecard)
        if structure.has_impacts
        else None
    )
    return render(
        request,
        "assessments/detail.html",
        {
            "assessment": assessment,
            "card": card,
            "chart": domain_bars_svg(card["domains"]),
            "findings_chart": findings_by_domain_svg(
                scored_domains(card["domains"]), card["findings"]
            ),
            "recommendation_label": RECOMMENDATION_LABELS[card["recommendation"]],
            "impact_grid": impact_grid_svg(matrix) if matrix else None,
            "impact_cells": impact_cell_lists(matrix) if matrix else [],
            "questions": {q.key: q for q in structure.questions},
            "trace_by_domain": _trace_by_domain(card, structure),
            "unanswered_required": [
                structure.question(k) for k in card["coverage"]["missing_required"]
            ],
            "answered_unknown": [structure.question(k) for k in card["coverage"]["unknowns"]],
            "reports": assessment.reports.order_by("-created_at")[:3],
            "can_submit": can_answer(request.user) and assessment.is_editable,
            "clarifications": clarification_requests(assessment=assessment)
            if assessment.status == assessment.Status.CHANGES_REQUESTED
            else [],
            "departure_sentence": decided_departure_sentence(assessment),
            **invitation_panel_context(assessment=assessment, user=request.user),
        },
    )


def _trace_by_domain(card: dict, structure) -> list[dict]:
    domains = scored_domains(card["domains"])
    rows: dict[str, list] = {d["key"]: [] for d in domains}
    for row in card["trace"]:
        if row["domain"] in rows:
            rows[row["domain"]].append(dict(row, text=structure.question(row["key"]).text))
    return [dict(domain, rows=rows[domain["key"]]) for domain in domains]


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
def assessment_history(request, pk):
    assessment = assessment_get_for_user(user=request.user, pk=pk)
    context = history_page_context(assessment=assessment, params=request.GET)
    question_key = context["filters"].question
    return render(
        request,
        "assessments/history.html",
        {
            **context,
            "assessment": assessment,
            "question_key": question_key,
            "question_text": _question_text(assessment, question_key),
            # The list shows three fields; a snapshot's scorecard JSON is large.
            "snapshots": assessment.snapshots.only("kind", "created_at", "scorecard_sha256"),
            "revisions": assessment.revisions.all(),
        },
    )


def _question_text(assessment, key: str) -> str:
    node = questionnaire_structure_by_id(assessment.questionnaire_id).question(key) if key else None
    return node.text if node else key


@require_safe
@role_required(can_read)
def assessment_diff(request, pk):
    # Imported here because the page and its selector share the name `assessment_diff`.
    from assessments.lifecycle.diff import assessment_diff as diff_of

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
