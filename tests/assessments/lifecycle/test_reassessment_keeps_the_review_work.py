"""A reassessment keeps the architect's work: levels, valid-until dates, overrides and accepted
risks come across (marked to reconfirm) until the validity policy says they are too old; the
revision's scorecard equals the decided one when nothing changed, and one changed answer moves it
by exactly that answer's effect."""

import dataclasses
import datetime

import pytest
from django.utils import timezone

from assessments.answers.services import answer_save
from assessments.lifecycle.reassessment import assessment_reassess
from assessments.lifecycle.services import assessment_create, assessment_submit
from assessments.models import Answer
from assessments.review import services as review
from assessments.scoring_adapter import assessment_score
from scoring import score
from tests.assessments.helpers import answer_all, decide
from tests.factories import OfferingFactory

pytestmark = pytest.mark.django_db

FLAGGED = "key_isolation.parser_separation"  # its worst answer raises a high finding
VERIFIED = ("integration.facade_pattern", "identity.credential_lifetime")
OVERRIDDEN = "incident_readiness.postmortems"
CHANGED = "lock_in.config_export"


def _pick(assessment, key, which):
    structure = assessment_score(assessment=assessment).structure
    question = structure.question(key)
    known = sorted((o for o in question.options if not o.is_unknown), key=lambda o: -o.score)
    return (known[0] if which == "best" else known[-1]).key


@pytest.fixture
def decided(questionnaire_v2, procurement_user, architect_user):
    assessment = assessment_create(
        actor=procurement_user, offering=OfferingFactory(), questionnaire=questionnaire_v2
    )
    pk = assessment.pk
    answer_all(assessment, procurement_user, pick="best", level="documented")
    stored = Answer.objects.get(assessment=assessment, question__key=FLAGGED)
    answer_save(
        actor=procurement_user,
        assessment_pk=pk,
        question_key=FLAGGED,
        option_key=_pick(assessment, FLAGGED, "worst"),
        evidence_level="documented",
        expected_version=stored.version,
    )
    assessment_submit(actor=procurement_user, assessment_pk=pk)
    review.review_start(actor=architect_user, assessment_pk=pk)
    for key in VERIFIED:
        review.answer_evidence_level_set(
            actor=architect_user,
            assessment_pk=pk,
            question_key=key,
            evidence_level="verified",
            valid_until=timezone.localdate() + datetime.timedelta(days=200),
        )
    review.answer_override(
        actor=architect_user,
        assessment_pk=pk,
        question_key=OVERRIDDEN,
        score=40,
        justification="The run books exist but were never rehearsed.",
    )
    review.finding_accept(
        actor=architect_user,
        assessment_pk=pk,
        question_key=FLAGGED,
        justification="Only test data goes through it during the pilot.",
    )
    decide(actor=architect_user, assessment_pk=pk, decision="approved", rationale="Pilot only.")
    assessment.refresh_from_db()
    return assessment


def _verdicts(assessment) -> dict[str, tuple]:
    return {
        a.question.key: (
            a.option_id,
            a.evidence_level,
            a.evidence_valid_until,
            a.override_score,
            a.override_justification,
            a.finding_accepted,
            a.acceptance_justification,
        )
        for a in Answer.objects.filter(assessment=assessment).select_related("question")
    }


def test_an_unchanged_reassessment_keeps_every_verdict_and_the_same_scorecard(
    decided, architect_user, procurement_user
):
    revision = assessment_reassess(actor=architect_user, assessment_pk=decided.pk)
    assert revision.requester == procurement_user  # procurement's draft, not the architect's
    assert _verdicts(revision) == _verdicts(decided)
    carried = Answer.objects.filter(assessment=revision)
    assert all(a.carried_over and a.reviewed_at is None for a in carried)
    assert revision.verdicts_lost == []
    old = assessment_score(assessment=decided).scorecard.to_dict()
    new = assessment_score(assessment=revision).scorecard.to_dict()
    assert new == old
    assert (new["grade"], new["evidenced"]) == (old["grade"], old["evidenced"])
    # Every carried answer waits for the architect to reconfirm it.
    revision.summary.refresh_from_db()
    assert revision.summary.to_reconfirm == revision.summary.to_review > 0


def test_one_changed_answer_moves_the_scorecard_by_exactly_that_answers_effect(
    decided, architect_user, procurement_user
):
    before = assessment_score(assessment=decided)
    revision = assessment_reassess(actor=architect_user, assessment_pk=decided.pk)
    stored = Answer.objects.get(assessment=revision, question__key=CHANGED)
    worse = _pick(revision, CHANGED, "worst")
    answer_save(
        actor=procurement_user,
        assessment_pk=revision.pk,
        question_key=CHANGED,
        option_key=worse,
        evidence_level="documented",
        expected_version=stored.version,
    )
    after = assessment_score(assessment=revision)
    # The expected scorecard: the decided answers with only this one replaced.
    expected_inputs = [
        dataclasses.replace(a, option=worse) if a.question == CHANGED else a for a in before.answers
    ]
    expected = score(before.structure.rubric, expected_inputs)
    assert after.scorecard.to_dict() == expected.to_dict()
    # Every other verdict is still there.
    others = {k: v for k, v in _verdicts(revision).items() if k != CHANGED}
    assert others == {k: v for k, v in _verdicts(decided).items() if k != CHANGED}
    # The numbers, exactly: only the changed answer's domain and the totals move.
    old_card, new_card = before.scorecard.to_dict(), after.scorecard.to_dict()
    moved = [
        d["key"] for d, e in zip(old_card["domains"], new_card["domains"], strict=True) if d != e
    ]
    assert moved == ["lock_in"]
    old_trace = {t["key"]: t for t in old_card["trace"]}
    new_trace = {t["key"]: t for t in new_card["trace"]}
    changed_rows = [k for k in new_trace if new_trace[k] != old_trace.get(k)]
    assert CHANGED in changed_rows
    delta = round(
        new_trace[CHANGED]["overall_evidenced_contribution"]
        - old_trace[CHANGED]["overall_evidenced_contribution"],
        2,
    )
    assert delta < 0
    assert new_card["evidenced"] == pytest.approx(old_card["evidenced"] + delta, abs=0.02)
    assert (old_card["evidenced"], new_card["evidenced"]) == (EVIDENCED_BEFORE, EVIDENCED_AFTER)


# Questionnaire v2 as shipped: config export "none" costs 1.00 evidenced point overall.
EVIDENCED_BEFORE = 69.24
EVIDENCED_AFTER = 68.24


def test_a_level_older_than_the_policy_allows_goes_back_to_a_claim_and_is_listed(
    client, decided, architect_user
):
    aged_key = VERIFIED[0]
    Answer.objects.filter(assessment=decided, question__key=aged_key).update(
        level_set_at=timezone.now() - datetime.timedelta(days=400)
    )
    revision = assessment_reassess(actor=architect_user, assessment_pk=decided.pk)
    aged = Answer.objects.get(assessment=revision, question__key=aged_key)
    assert (aged.evidence_level, aged.evidence_valid_until) == ("claim", None)
    (lost,) = revision.verdicts_lost
    assert (lost["question"], lost["kind"], lost["was"]) == (aged_key, "evidence_level", "verified")
    assert "400 days ago" in lost["reason"] and "365 days" in lost["reason"]
    old = assessment_score(assessment=decided).scorecard
    new = assessment_score(assessment=revision).scorecard
    assert lost["effect"] == pytest.approx(old.evidenced - new.evidenced, abs=0.01)
    assert lost["effect"] > 0
    client.force_login(architect_user)
    html = client.get(f"/assessments/{revision.pk}/diff/").content.decode()
    assert "Review verdicts not carried over" in html
    assert "Evidence level verified (now a claim)" in html
    assert f"{lost['effect']:.2f} points fewer" in html
