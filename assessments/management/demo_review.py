"""The demo's decided assessment, reviewed the way an architect would: through the review services,
so its audit trail, conditions, accepted risk and frozen snapshot are the real thing."""

import random
from datetime import date, timedelta

from django.contrib.auth import get_user_model

from assessments.models import Answer, Assessment
from assessments.review import (
    GUARDED_SEVERITIES,
    answer_evidence_level_set,
    assessment_decide,
    comment_add,
    condition_add,
    decision_check,
    finding_accept,
    review_start,
)
from assessments.scoring_adapter import assessment_score
from core.roles import Role

# Who owns a condition, by the kind of work it asks for; the demo spreads them over three teams.
CONDITION_OWNERS = ["Identity & access team", "Platform security", "Vendor management office"]
RATIONALE = (
    "The platform meets our needs for regional analytics and the vendor answered openly. The open "
    "high-severity items are tied to conditions with owners and dates, and we re-check them before "
    "the first renewal."
)
DEPARTURE = (
    "We approve despite the grade because the data in scope is pseudonymised, the contract lets us "
    "leave within ninety days, and each open high finding has a funded condition with a due date."
)


def demo_decide(assessment: Assessment, *, decision: str) -> None:
    architect = get_user_model().objects.get(username=Role.ARCHITECT.value)
    Assessment.objects.filter(pk=assessment.pk).update(status=Assessment.Status.SUBMITTED)
    review_start(actor=architect, assessment_pk=assessment.pk)
    _raise_some_evidence(assessment, architect)
    findings = assessment_score(assessment=assessment).scorecard.to_dict()["findings"]
    guarded = [f for f in findings if f["severity"] in GUARDED_SEVERITIES and not f["accepted"]]
    lesser = [f for f in findings if f["severity"] not in GUARDED_SEVERITIES]
    if lesser:
        finding_accept(
            actor=architect,
            assessment_pk=assessment.pk,
            question_key=lesser[0]["question"],
            justification="Compensated by our own monitoring of the tenant; reviewed yearly.",
        )
    for index, finding in enumerate(guarded):
        condition_add(
            actor=architect,
            assessment_pk=assessment.pk,
            text=f"Resolve before go-live and show us the evidence: {finding['title']}",
            owner=CONDITION_OWNERS[index % len(CONDITION_OWNERS)],
            due_date=date.today() + timedelta(days=30 * (index + 1)),
            finding_keys=[finding["question"]],
        )
    if findings:
        comment_add(
            actor=architect,
            assessment_pk=assessment.pk,
            question_key=findings[0]["question"],
            body="Asked the vendor for the audit report that covers this; promised next quarter.",
        )
    departs = decision_check(assessment=assessment, decision=decision).departs
    assessment_decide(
        actor=architect,
        assessment_pk=assessment.pk,
        decision=decision,
        rationale=RATIONALE,
        departure_justification=DEPARTURE if departs else "",
    )


def _raise_some_evidence(assessment: Assessment, architect) -> None:
    """A third of the answers backed better than the vendor's word: attested or verified."""
    rng = random.Random(str(assessment.offering.name))  # noqa: S311 - demo data, not security
    keys = list(
        Answer.objects.filter(assessment=assessment, option__isnull=False)
        .order_by("question__key")
        .values_list("question__key", flat=True)
    )
    for key in keys[::3]:
        answer_evidence_level_set(
            actor=architect,
            assessment_pk=assessment.pk,
            question_key=key,
            evidence_level=rng.choice(["attested", "verified"]),
            valid_until=date.today() + timedelta(days=365),
        )
