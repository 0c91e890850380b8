"""Reassessing a decided assessment: a new draft revision that starts from its answers and evidence.

By default the revision moves to the newest published version of the questionnaire; answers are
carried by that version's mapping (assessments/questionnaire/carry.py). What cannot be carried is
kept on the revision (`Assessment.uncarried`) and shown on its form, so nothing disappears
silently. The decided assessment stays exactly as it was decided.
"""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from assessments.audit import audit_record
from assessments.models import (
    Answer,
    Assessment,
    AuditAction,
    Evidence,
    EvidenceLevel,
    QuestionnaireVersion,
)
from assessments.questionnaire.carry import Carried, carry_answer
from assessments.questionnaire.structure import Structure, questionnaire_structure_by_id
from assessments.selectors import assessment_get_for_user
from assessments.workflow import transition_check
from core.errors import ConflictError, NotAllowed, ServiceError
from core.permissions import can_reassess

REASSESSORS_ONLY = "Your role cannot start a reassessment."
ALREADY_REASSESSED = (
    "This assessment has already been reassessed; continue with revision {revision}."
)
NOT_A_NEWER_VERSION = (
    "Reassess on the same questionnaire or a newer published version of it; this one is not."
)
ANOTHER_ANSWER_LANDED = "Another earlier answer was carried to this question; check it."
KEPT_LEVELS = (EvidenceLevel.ATTESTED, EvidenceLevel.VERIFIED)


def reassessment_target(*, source: Assessment) -> QuestionnaireVersion:
    """The version a reassessment moves to by default: the newest published one of the same
    questionnaire, or the source's own when there is none newer."""
    current = QuestionnaireVersion.objects.get(pk=source.questionnaire_id)
    newest = (
        QuestionnaireVersion.objects.filter(
            key=current.key,
            status=QuestionnaireVersion.Status.PUBLISHED,
            version__gt=current.version,
        )
        .order_by("-version")
        .first()
    )
    return newest or current


@transaction.atomic
def assessment_reassess(
    *, actor: AbstractBaseUser, assessment_pk, questionnaire_pk: int | None = None
) -> Assessment:
    """A new draft revision of a decided assessment, on `questionnaire_pk` (the same version or a
    newer published one; by default the newest), with its answers and evidence carried over."""
    if not can_reassess(actor):
        raise NotAllowed(REASSESSORS_ONLY)
    source = assessment_get_for_user(user=actor, pk=assessment_pk, for_write=True)
    transition_check(source, "reassess")
    # The source row is locked above, so two clicks cannot both pass this and open two drafts
    # with the same revision number.
    existing = source.revisions.order_by("revision").last()
    if existing is not None:
        raise ConflictError(ALREADY_REASSESSED.format(revision=existing.revision), current=None)
    target = _target(source, questionnaire_pk)
    revision = Assessment.objects.create(
        offering_id=source.offering_id,
        questionnaire=target,
        requester=actor,
        previous=source,
        revision=Assessment.objects.filter(pk=source.pk).values_list("revision", flat=True)[0] + 1,
    )
    carried, uncarried = _carry(source, revision, target, actor)
    if uncarried:
        revision.uncarried = uncarried
        revision.save(update_fields=["uncarried", "updated_at"])
    audit_record(
        assessment=revision,
        actor=actor,
        action=AuditAction.ASSESSMENT_REASSESSMENT_STARTED,
        new={
            "previous": str(source.pk),
            "carried_answers": carried,
            "questionnaire": f"{target.key} v{target.version}",
            "not_carried": [item["question"] for item in uncarried],
        },
    )
    audit_record(
        assessment=source,
        actor=actor,
        action=AuditAction.ASSESSMENT_REASSESSED,
        new={"revision": str(revision.pk)},
    )
    return revision


def _target(source: Assessment, questionnaire_pk: int | None) -> QuestionnaireVersion:
    if questionnaire_pk is None:
        return reassessment_target(source=source)
    current = QuestionnaireVersion.objects.get(pk=source.questionnaire_id)
    chosen = QuestionnaireVersion.objects.filter(pk=questionnaire_pk).first()
    if (
        chosen is None
        or chosen.key != current.key
        or chosen.version < current.version
        or (chosen.pk != current.pk and chosen.status != QuestionnaireVersion.Status.PUBLISHED)
    ):
        raise ServiceError(
            NOT_A_NEWER_VERSION, field_errors={"questionnaire": [NOT_A_NEWER_VERSION]}
        )
    return chosen


def _carry(
    source: Assessment, revision: Assessment, target: QuestionnaireVersion, actor
) -> tuple[int, list[dict]]:
    """Copy each answer (and its evidence) to where it lands in `target`; answers that land
    nowhere, or whose choice must be made again, are listed with the reason."""
    from_structure = questionnaire_structure_by_id(source.questionnaire_id)
    to_structure = questionnaire_structure_by_id(target.pk)
    today = timezone.localdate()
    copies: list[tuple[Answer, Answer]] = []
    uncarried: list[dict] = []
    landed: set[int] = set()
    for old in Answer.objects.filter(assessment=source):
        place = carry_answer(
            source=from_structure,
            target=to_structure,
            carries_from=target.carries_from,
            question_id=old.question_id,
            option_id=old.option_id,
            is_na=old.is_na,
        )
        if isinstance(place, Carried) and place.question.id in landed:
            place = ANOTHER_ANSWER_LANDED  # two earlier questions merged into one
        if isinstance(place, str) or place.reason:
            uncarried.append(_uncarried(from_structure, old, place))
        if isinstance(place, Carried):
            landed.add(place.question.id)
            copies.append((old, _copy(old, revision, place, today, actor)))
    new_answers = Answer.objects.bulk_create(new for _, new in copies)
    answer_of = {old.pk: new.pk for (old, _), new in zip(copies, new_answers, strict=True)}
    Evidence.objects.bulk_create(
        _evidence_copy(e, answer_of[e.answer_id])
        for e in Evidence.objects.filter(answer__assessment=source)
        if e.answer_id in answer_of
    )
    return len(new_answers), uncarried


def _copy(old: Answer, revision: Assessment, place: Carried, today: datetime.date, actor) -> Answer:
    # A level that backed a choice that must now be made again backs nothing yet.
    level = _carried_level(old, today) if place.option or place.na else EvidenceLevel.CLAIM
    return Answer(
        assessment=revision,
        question_id=place.question.id,
        option_id=place.option.id if place.option else None,
        is_na=place.na,
        explanation=old.explanation,
        evidence_level=level,
        evidence_valid_until=old.evidence_valid_until if level in KEPT_LEVELS else None,
        updated_by=actor,
        # Whose claim it is does not change by being carried over: the vendor still said it.
        answered_by_contact_id=old.answered_by_contact_id,
        carried_over=True,
    )


def _carried_level(answer: Answer, today: datetime.date) -> str:
    """Attested and verified survive while their validity date has not passed; everything else
    goes back to a claim until someone backs it again."""
    if (
        answer.evidence_level in KEPT_LEVELS
        and answer.evidence_valid_until
        and (answer.evidence_valid_until >= today)
    ):
        return answer.evidence_level
    return EvidenceLevel.CLAIM


def _uncarried(structure: Structure, old: Answer, place: Carried | str) -> dict:
    question = structure.by_id[old.question_id]
    option = question.option_by_id(old.option_id)
    return {
        "question": question.key,
        "text": question.text,
        "answer": "Not applicable" if old.is_na else (option.label if option else ""),
        "reason": place if isinstance(place, str) else place.reason,
        "now": "" if isinstance(place, str) else place.question.key,
    }


def _evidence_copy(evidence: Evidence, answer_id: int) -> Evidence:
    return Evidence(
        answer_id=answer_id,
        file=evidence.file,
        url=evidence.url,
        original_name=evidence.original_name,
        content_type=evidence.content_type,
        size=evidence.size,
        note=evidence.note,
        sha256=evidence.sha256,
        uploaded_by=evidence.uploaded_by,
        uploaded_by_contact_id=evidence.uploaded_by_contact_id,
        # The copy shares the file, so it shares the verdict: a pending or infected file must not
        # become downloadable through the new revision.
        scan_status=evidence.scan_status,
        scan_signature=evidence.scan_signature,
    )
