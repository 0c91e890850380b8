"""The stored summary the queue and dashboards read equals a full recomputation after any sequence
of writes, through every service that changes answers, verdicts or accepted risks (hypothesis
picks the sequences; refused writes are part of it and must leave the summary right too)."""

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessments.answers.batch import AnswerInput, answers_save_many
from assessments.answers.services import AnswerChange, answer_patch, answer_save
from assessments.invitations.links import invitation_accept
from assessments.invitations.services import invitation_create
from assessments.lifecycle.reassessment import assessment_reassess
from assessments.lifecycle.services import assessment_create, assessment_submit
from assessments.models import Answer, Assessment, AssessmentSummary
from assessments.portal.services import vendor_answer_save
from assessments.questionnaire.structure import questionnaire_structure
from assessments.review import services as review
from assessments.summary import summary_compute
from core.errors import ServiceError
from tests.assessments.helpers import answer_all
from tests.factories import OfferingFactory

pytestmark = pytest.mark.django_db

INDEX = st.integers(min_value=0, max_value=10_000)
OPERATIONS = st.one_of(
    st.tuples(st.just("save"), INDEX, INDEX, st.sampled_from(["claim", "documented"])),
    st.tuples(st.just("patch"), INDEX, INDEX),
    # The explanation alone (the summary is then left alone unless a review verdict is undone).
    st.tuples(st.just("text"), INDEX, INDEX),
    st.tuples(st.just("batch"), st.lists(INDEX, min_size=1, max_size=6), INDEX),
    st.tuples(st.just("vendor"), INDEX, INDEX),
    st.tuples(st.just("submit")),
    st.tuples(st.just("start")),
    st.tuples(st.just("level"), INDEX, st.sampled_from(["claim", "attested", "verified"])),
    st.tuples(st.just("override"), INDEX, st.one_of(st.none(), st.integers(0, 100))),
    st.tuples(st.just("accept"), INDEX, st.booleans()),
    st.tuples(st.just("mark"), INDEX),
    st.tuples(st.just("mark_domain"), INDEX),
    st.tuples(st.just("comment"), INDEX, st.booleans()),
    st.tuples(st.just("request_changes"), INDEX),
    st.tuples(st.just("decide"), st.sampled_from(["rejected", "approved"])),
    st.tuples(st.just("withdraw")),
    st.tuples(st.just("reassess")),
)


class World:
    """One assessment under test, the people acting on it, and the vendor's session."""

    def __init__(self, questionnaire, procurement, architect, admin):
        self.procurement, self.architect, self.admin = procurement, architect, admin
        self.structure = questionnaire_structure(questionnaire)
        self.assessment = assessment_create(
            actor=procurement, offering=OfferingFactory(), questionnaire=questionnaire
        )
        self.questions = self.structure.questions
        self.session = None

    def question(self, i):
        return self.questions[i % len(self.questions)]

    def option(self, question, j):
        choices = [o.key for o in question.options] + (["na"] if question.allows_na else [])
        return choices[j % len(choices)]

    def version(self, question):
        row = Answer.objects.filter(assessment=self.assessment, question_id=question.id).first()
        return row.version if row else None

    def vendor_session(self):
        if self.session is None:
            domain = self.structure.domains[0].key
            _, token = invitation_create(
                actor=self.procurement,
                assessment=self.assessment,
                email="jo@vendor.example",
                name="Jo Vendor",
                domain_keys=[domain],
                expires_in_days=14,
            )
            self.session = invitation_accept(token=token, ip="127.0.0.1")
        return self.session


def _apply(world: World, op: tuple) -> None:
    kind, *args = op
    pk = world.assessment.pk
    if kind in ("save", "patch", "vendor"):
        question = world.question(args[0])
        choice = world.option(question, args[1])
        option, na = (None, True) if choice == "na" else (choice, False)
        if kind == "save":
            answer_save(
                actor=world.procurement,
                assessment_pk=pk,
                question_key=question.key,
                option_key=option,
                na=na,
                evidence_level=args[2],
                expected_version=world.version(question),
            )
        elif kind == "patch":
            answer_patch(
                actor=world.procurement,
                assessment_pk=pk,
                question_key=question.key,
                changes={"option": option, "na": na, "text": f"patched {args[1]}"},
                expected_version=world.version(question),
            )
        else:
            session = world.vendor_session()
            domain = world.structure.domains[0]
            question = domain.questions[args[0] % len(domain.questions)]
            choice = world.option(question, args[1])
            vendor_answer_save(
                session=session,
                question_key=question.key,
                option_key=None if choice == "na" else choice,
                na=choice == "na",
                expected_version=world.version(question),
            )
    elif kind == "text":
        question = world.question(args[0])
        if world.version(question) is not None:
            answer_patch(
                actor=world.procurement,
                assessment_pk=pk,
                question_key=question.key,
                changes={"text": f"explained {args[1]}"},
                expected_version=world.version(question),
            )
    elif kind == "batch":
        inputs = []
        for i in dict.fromkeys(args[0]):
            question = world.question(i)
            choice = world.option(question, args[1])
            change = AnswerChange(
                None if choice == "na" else choice, choice == "na", "batch", "claim"
            )
            inputs.append(AnswerInput(question.key, change, world.version(question)))
        answers_save_many(actor=world.procurement, assessment_pk=pk, inputs=inputs)
    elif kind == "fill":
        answered = set(
            Answer.objects.filter(assessment_id=pk).values_list("question__key", flat=True)
        )
        answer_all(world.assessment, world.procurement, pick=args[0], skip=answered)
    elif kind == "submit":
        assessment_submit(actor=world.procurement, assessment_pk=pk)
    elif kind == "start":
        review.review_start(actor=world.architect, assessment_pk=pk)
    elif kind == "level":
        review.answer_evidence_level_set(
            actor=world.architect,
            assessment_pk=pk,
            question_key=world.question(args[0]).key,
            evidence_level=args[1],
        )
    elif kind == "override":
        review.answer_override(
            actor=world.architect,
            assessment_pk=pk,
            question_key=world.question(args[0]).key,
            score=args[1],
            justification="Checked against the vendor's runbook.",
        )
    elif kind == "accept":
        review.finding_accept(
            actor=world.architect,
            assessment_pk=pk,
            question_key=world.question(args[0]).key,
            justification="Compensating control in our own network.",
            accepted=args[1],
        )
    elif kind == "mark":
        review.answer_review_mark(
            actor=world.architect, assessment_pk=pk, question_key=world.question(args[0]).key
        )
    elif kind == "mark_domain":
        domains = world.structure.domains
        review.domain_review_mark(
            actor=world.architect,
            assessment_pk=pk,
            domain_key=domains[args[0] % len(domains)].key,
        )
    elif kind == "comment":
        review.comment_add(
            actor=world.architect if args[1] else world.procurement,
            assessment_pk=pk,
            question_key=world.question(args[0]).key,
            body="Please show us the test report.",
        )
    elif kind == "request_changes":
        review.assessment_request_changes(
            actor=world.architect,
            assessment_pk=pk,
            question_keys=[world.question(args[0]).key],
            message="Which regions?",
        )
    elif kind == "decide":
        review.assessment_decide(
            actor=world.architect,
            assessment_pk=pk,
            decision=args[0],
            rationale="Decided on the evidence in front of the board.",
        )
    elif kind == "withdraw":
        review.assessment_decision_withdraw(
            actor=world.admin, assessment_pk=pk, reason="The board asked for another look."
        )
    elif kind == "reassess":
        world.assessment = assessment_reassess(actor=world.procurement, assessment_pk=pk)
        world.session = None


def _stored(assessment) -> dict:
    row = AssessmentSummary.objects.filter(pk=assessment.pk).values().get()
    return {k: v for k, v in row.items() if k not in ("assessment_id", "updated_at")}


def _check(world: World, before: list) -> None:
    for assessment in [*before, world.assessment]:
        assessment = Assessment.objects.get(pk=assessment.pk)
        expected = summary_compute(
            assessment_pk=assessment.pk, questionnaire_id=assessment.questionnaire_id
        )
        assert _stored(assessment) == expected


@pytest.mark.parametrize("version", ["questionnaire", "questionnaire_v2"])
def test_the_stored_summary_equals_a_full_recomputation(
    request, version, procurement_user, architect_user, admin_user
):
    questionnaire = request.getfixturevalue(version)

    @settings(
        max_examples=12,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        st.lists(OPERATIONS, max_size=5),
        st.sampled_from(["best", "worst"]),
        st.lists(OPERATIONS, max_size=10),
    )
    def run(drafting, pick, reviewing):
        # Random writes while drafting, then (so that the review's writes are reached at all) the
        # remaining answers, submission and the start of the review, then random writes again.
        operations = [*drafting, ("fill", pick), ("submit",), ("start",), *reviewing]
        world = World(questionnaire, procurement_user, architect_user, admin_user)
        earlier = []
        for op in operations:
            previous = world.assessment
            try:
                with transaction.atomic():
                    _apply(world, op)
            except ServiceError:
                pass  # refused writes change nothing, the summary included
            if world.assessment.pk != previous.pk:
                earlier.append(previous)
            _check(world, earlier)

    run()
