"""Reassessing a decided assessment: a new draft revision that starts from its answers and evidence.

By default the revision moves to the newest published version of the questionnaire; answers are
carried by that version's mapping (assessments/questionnaire/carry.py). What cannot be carried is
kept on the revision (`Assessment.uncarried`) and shown on its form, so nothing disappears
silently. The architect's verdicts come across too (evidence level and valid-until, override,
accepted risk), each answer marked to reconfirm; a level older than the validity policy allows
(scoring/validity.py) goes back to a claim, and every verdict that aged out or was dropped is kept
with its reason and score effect (`Assessment.verdicts_lost`) for the diff page. The draft belongs
to the previous revision's requester. The decided assessment stays exactly as it was decided.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
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
from assessments.scoring_adapter import answer_inputs
from assessments.selectors import assessment_get_for_user
from assessments.summary import summary_refresh
from assessments.workflow import transition_check
from core.errors import ConflictError, NotAllowed, ServiceError
from core.permissions import can_reassess
from scoring import score
from scoring.validity import level_aging

REASSESSORS_ONLY = "Your role cannot start a reassessment."
ALREADY_REASSESSED = (
    "This assessment has already been reassessed; continue with revision {revision}."
)
NOT_A_NEWER_VERSION = (
    "Reassess on the same questionnaire or a newer published version of it; this one is not."
)
ANOTHER_ANSWER_LANDED = "Another earlier answer was carried to this question; check it."


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
        # The draft is procurement's to fill in, whoever started it (often the architect).
        requester_id=source.requester_id or actor.pk,
        previous=source,
        revision=Assessment.objects.filter(pk=source.pk).values_list("revision", flat=True)[0] + 1,
    )
    carried, uncarried, lost = _carry(source, revision, target, actor)
    if uncarried or lost:
        revision.uncarried = uncarried
        revision.verdicts_lost = lost
        revision.save(update_fields=["uncarried", "verdicts_lost", "updated_at"])
    audit_record(
        assessment=revision,
        actor=actor,
        action=AuditAction.ASSESSMENT_REASSESSMENT_STARTED,
        new={
            "previous": str(source.pk),
            "carried_answers": carried,
            "questionnaire": f"{target.key} v{target.version}",
            "not_carried": [item["question"] for item in uncarried],
            "verdicts_lost": [
                {"question": v["question"], "kind": v["kind"], "effect": v["effect"]} for v in lost
            ],
        },
    )
    audit_record(
        assessment=source,
        actor=actor,
        action=AuditAction.ASSESSMENT_REASSESSED,
        new={"revision": str(revision.pk)},
    )
    summary_refresh(assessment=revision)
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
) -> tuple[int, list[dict], list[dict]]:
    """Copy each answer (its evidence, and the architect's verdicts while they still stand) to
    where it lands in `target`. Returns how many landed, the answers that land nowhere or must be
    chosen again, and the verdicts that aged out or were dropped, each with the reason."""
    from_structure = questionnaire_structure_by_id(source.questionnaire_id)
    to_structure = questionnaire_structure_by_id(target.pk)
    carry = _Carry(today=timezone.localdate(), validity=_validity(to_structure), actor=actor)
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
            copies.append((old, carry.copy(old, revision, place)))
    new_answers = Answer.objects.bulk_create(new for _, new in copies)
    answer_of = {old.pk: new.pk for (old, _), new in zip(copies, new_answers, strict=True)}
    Evidence.objects.bulk_create(
        _evidence_copy(e, answer_of[e.answer_id])
        for e in Evidence.objects.filter(answer__assessment=source)
        if e.answer_id in answer_of
    )
    return len(new_answers), uncarried, _with_effects(carry.lost, to_structure, new_answers)


def _validity(structure: Structure) -> dict:
    """The target version's own rule when its policy has one; otherwise the settings default."""
    own = dict(structure.rubric.policy.evidence_validity_days)
    return own or dict(settings.EVIDENCE_VALIDITY_DAYS)


@dataclass
class _Carry:
    today: datetime.date
    validity: dict
    actor: object
    lost: list[dict] = field(default_factory=list)
    """Verdicts that did not come across: (question, what it was, the reason, the answer)."""

    def copy(self, old: Answer, revision: Assessment, place: Carried) -> Answer:
        question = place.question
        new = Answer(
            assessment=revision,
            question_id=question.id,
            option_id=place.option.id if place.option else None,
            is_na=place.na,
            explanation=old.explanation,
            vendor_explanation=old.vendor_explanation,
            evidence_level=EvidenceLevel.CLAIM,
            updated_by=self.actor,
            # Whose claim it is does not change by being carried over: the vendor still said it.
            answered_by_contact_id=old.answered_by_contact_id,
            carried_over=True,
            # The level's age goes on from when it was set, not from the copy.
            level_set_at=old.level_set_at or old.updated_at,
        )
        if not (place.option or place.na):
            # The choice must be made again: nothing the architect judged still applies.
            self._lose_all(old, question)
            return new
        self._carry_level(old, new, question)
        self._carry_override(old, new)
        self._carry_acceptance(old, new, place)
        return new

    def _carry_level(self, old: Answer, new: Answer, question) -> None:
        set_on = timezone.localdate(old.level_set_at or old.updated_at)
        aging = level_aging(
            level=old.evidence_level,
            set_on=set_on,
            valid_until=old.evidence_valid_until,
            today=self.today,
            validity=self.validity,
        )
        new.evidence_level = aging.level
        if aging.decayed:
            self._lose(old, question, "evidence_level", old.evidence_level, aging.reason)
        else:
            new.evidence_valid_until = old.evidence_valid_until

    def _carry_override(self, old: Answer, new: Answer) -> None:
        if old.override_score is not None:
            new.override_score = old.override_score
            new.override_justification = old.override_justification
            new.override_by_id = old.override_by_id

    def _carry_acceptance(self, old: Answer, new: Answer, place: Carried) -> None:
        if not old.finding_accepted:
            return
        if place.option is not None and place.option.finding_severity:
            new.finding_accepted = True
            new.acceptance_justification = old.acceptance_justification
            new.accepted_by_id = old.accepted_by_id

    def _lose_all(self, old: Answer, question) -> None:
        reason = "the answer must be chosen again in this version"
        if old.evidence_level != EvidenceLevel.CLAIM:
            self._lose(old, question, "evidence_level", old.evidence_level, reason)
        if old.override_score is not None:
            self._lose(old, question, "override", old.override_score, reason)
        if old.finding_accepted:
            self._lose(old, question, "acceptance", old.acceptance_justification, reason)

    def _lose(self, old: Answer, question, kind: str, was, reason: str) -> None:
        self.lost.append(
            {
                "question": question.key,
                "text": question.text,
                "kind": kind,
                "was": was,
                "reason": reason,
                "_old": old,
            }
        )


def _with_effects(lost: list[dict], structure: Structure, answers: list[Answer]) -> list[dict]:
    """Each lost verdict with what it costs: the evidenced score with it restored, minus the
    score without it. One scoring per lost verdict (there are few)."""
    if not lost:
        return []
    base = score(structure.rubric, answer_inputs(structure, answers)).evidenced
    out = []
    for item in lost:
        old = item.pop("_old")
        restored = [_restored(a, item, old, structure) for a in answers]
        with_it = score(structure.rubric, answer_inputs(structure, restored)).evidenced
        out.append({**item, "was": str(item["was"]), "effect": round(with_it - base, 2)})
    return out


def _restored(answer: Answer, item: dict, old: Answer, structure: Structure) -> Answer:
    if structure.by_id[answer.question_id].key != item["question"]:
        return answer
    copy = Answer(**{f.attname: getattr(answer, f.attname) for f in Answer._meta.concrete_fields})
    if item["kind"] == "evidence_level":
        copy.evidence_level = old.evidence_level
    elif item["kind"] == "override":
        copy.override_score = old.override_score
    elif item["kind"] == "acceptance":
        copy.finding_accepted = True
    return copy


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
