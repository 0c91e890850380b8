"""Answering whole questionnaires quickly in tests, through the real service."""

from assessments.answers.services import answer_save
from assessments.questionnaire.structure import questionnaire_structure
from scoring import hidden_questions


def answer_all(assessment, actor, *, pick="best", level="documented", skip=()):
    """Answer every question that is visible given the earlier answers; returns the keys."""
    structure = questionnaire_structure(assessment.questionnaire)
    chosen: dict[str, str] = {}
    answered = []
    for question in structure.questions:
        if question.key in hidden_questions(structure.rubric, chosen):
            continue
        if question.key in skip:
            continue
        known = sorted((o for o in question.options if not o.is_unknown), key=lambda o: -o.score)
        option = known[0] if pick == "best" else known[-1]
        answer_save(
            actor=actor,
            assessment_pk=assessment.pk,
            question_key=question.key,
            option_key=option.key,
            evidence_level=level,
        )
        chosen[question.key] = option.key
        answered.append(question.key)
    return answered


DEPARTURE = (
    "The pilot runs on test data only for three months while the vendor closes the open "
    "findings under contract, and we review it again before any production use."
)


def decide(*, actor, assessment_pk, decision: str, rationale: str, departure: str = DEPARTURE):
    """`assessment_decide`, for tests whose subject is not the guardrails: an approval that departs
    from the recommendation gets what they ask, a condition linked to each open critical or high
    finding and a written reason for the departure."""
    from assessments.models import Assessment
    from assessments.review.services import assessment_decide, condition_add, decision_check

    check = decision_check(assessment=Assessment.objects.get(pk=assessment_pk), decision=decision)
    if check.uncovered:
        condition_add(
            actor=actor,
            assessment_pk=assessment_pk,
            text="Close the open critical and high findings before production use.",
            owner="Vendor management",
            finding_keys=[f.question for f in check.uncovered],
        )
    return assessment_decide(
        actor=actor,
        assessment_pk=assessment_pk,
        decision=decision,
        rationale=rationale,
        departure_justification=departure if check.departs else "",
    )


def type_into_every_field(
    assessment, *, procurement, architect, text: str, file_name: str, url: str
) -> list[str]:
    """Everything people type on the way to a decision, each set to `text`: answers (the worst
    options) and the first one's explanations (the vendor's, through an invitation, and ours), a
    file called `file_name` and the link `url` with notes, then, in review, a comment, an
    override, an accepted risk and a condition with its owner. Leaves the assessment in review;
    returns the answered questions' keys."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from assessments.evidence.services import evidence_add
    from assessments.invitations import invitation_accept, invitation_create
    from assessments.lifecycle.services import assessment_submit
    from assessments.models import Answer, Condition
    from assessments.portal import vendor_answer_save
    from assessments.review.services import (
        answer_override,
        comment_add,
        condition_add,
        finding_accept,
        review_start,
    )
    from tests.support import files

    keys = answer_all(assessment, procurement, pick="worst")
    key, pk = keys[0], assessment.pk
    answer = Answer.objects.get(assessment=assessment, question__key=key)
    # The vendor's own explanation, written the vendor's way: an invitation, its link confirmed.
    _, token = invitation_create(
        actor=procurement,
        assessment=assessment,
        email="contact@vendor.example",
        name="Vendor Contact",
        domain_keys=[answer.question.domain.key],
    )
    vendor_answer_save(
        session=invitation_accept(token=token, ip="192.0.2.10"),
        question_key=key,
        option_key=answer.option.key,
        explanation=text,
        expected_version=answer.version,
    )
    answer.refresh_from_db()
    answer_save(
        actor=procurement,
        assessment_pk=pk,
        question_key=key,
        option_key=answer.option.key,
        explanation=text,
        expected_version=answer.version,
    )
    upload = SimpleUploadedFile(file_name, files.PDF)
    for where in ({"upload": upload}, {"url": url}):
        evidence_add(actor=procurement, assessment=assessment, question_key=key, note=text, **where)
    assessment_submit(actor=procurement, assessment_pk=pk)
    review_start(actor=architect, assessment_pk=pk)
    comment_add(actor=architect, assessment_pk=pk, question_key=key, body=text)
    answer_override(
        actor=architect, assessment_pk=pk, question_key=key, score=10, justification=text
    )
    finding_accept(actor=architect, assessment_pk=pk, question_key=key, justification=text)
    condition = condition_add(actor=architect, assessment_pk=pk, text=text, owner="Owner")
    # An owner is one line without direction controls now (core/text.py); rows stored before may
    # hold anything, and every page must still show them safely.
    Condition.objects.filter(pk=condition.pk).update(owner=text)
    return keys
