"""Demo data for a fresh install: one user per role, four vendors, assessments in several states —
one of them reviewed and decided through the review services, so the board pack has a decision,
accepted risks and conditions to show.

Idempotent: running it again changes nothing and prints the same credentials. Passwords are random
per installation (kept in var/demo-credentials.json), never fixed in the source.
"""

import json
import random
import secrets
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from assessments.answers import answer_save
from assessments.lifecycle import assessment_create
from assessments.management.demo_review import demo_decide
from assessments.models import Assessment, QuestionnaireVersion
from assessments.questionnaire.loader import questionnaire_load_file
from assessments.questionnaire.selectors import questionnaire_newest_published
from assessments.questionnaire.structure import questionnaire_structure_by_id
from assessments.workflow import DECIDED
from core.roles import ALL_ROLES, Role
from scoring import hidden_questions
from vendors.models import Offering, Vendor
from vendors.services import offering_create, vendor_create

SHIPPED_QUESTIONNAIRES = [
    settings.BASE_DIR / "assessments" / "questionnaires" / name
    for name in ("sbd-v1.yaml", "sbd-v2.yaml", "sbd-v3.yaml")
]
# The context questions of questionnaire v2 (the product and how it is deployed), per demo offering.
DEMO_CONTEXT = {
    "Northwind Edge Gateway": {
        "product.deployment": "hybrid",
        "product.criticality": "important",
        "product.credentials_role": "own_use",
        "product.data_leaves": "metadata",
    },
    "QS Post-Quantum TLS Proxy": {
        "product.deployment": "appliance",
        "product.criticality": "business_critical",
        "product.credentials_role": "own_use",
        "product.data_leaves": "none",
    },
    "Aurora Workforce SSO": {
        "product.deployment": "saas",
        "product.criticality": "business_critical",
        "product.credentials_role": "authority",
        "product.data_leaves": "content",
    },
    "Helios Data Platform": {
        "product.deployment": "saas",
        "product.criticality": "important",
        "product.credentials_role": "own_use",
        "product.data_leaves": "content",
    },
}

# (vendor, website, country, offering, deployment, status, answer style, share answered)
DEMO_VENDORS = [
    (
        "Northwind Secure",
        "https://northwind.example",
        "Germany",
        "Northwind Edge Gateway",
        Offering.Deployment.HYBRID,
        Assessment.Status.DRAFT,
        "strong",
        0.4,
    ),
    (
        "Quantum Shield Networks",
        "https://qsn.example",
        "United States",
        "QS Post-Quantum TLS Proxy",
        Offering.Deployment.ON_PREM,
        Assessment.Status.SUBMITTED,
        "weak",
        1.0,
    ),
    (
        "Aurora Identity",
        "https://aurora-id.example",
        "Netherlands",
        "Aurora Workforce SSO",
        Offering.Deployment.SAAS,
        Assessment.Status.IN_REVIEW,
        "mixed",
        1.0,
    ),
    (
        "Helios Analytics",
        "https://helios-analytics.example",
        "Ireland",
        "Helios Data Platform",
        Offering.Deployment.SAAS,
        Assessment.Status.APPROVED_WITH_CONDITIONS,
        "good",
        1.0,
    ),
]


class Command(BaseCommand):
    help = "Create demo users (one per role), vendors, offerings and assessments. Idempotent."

    def handle(self, *args, **options):
        questionnaire = self._questionnaire()
        credentials = self._users()
        with transaction.atomic():
            for spec in DEMO_VENDORS:
                self._vendor(spec, questionnaire, credentials_user=Role.PROCUREMENT)
        self.stdout.write("Demo users (role: username / password):")
        for role in ALL_ROLES:
            self.stdout.write(f"  {role.value:12} {role.value} / {credentials[role.value]}")

    def _questionnaire(self) -> QuestionnaireVersion:
        """The version new assessments use; the shipped ones are loaded when none is."""
        if questionnaire_newest_published() is None:
            for path in SHIPPED_QUESTIONNAIRES:
                questionnaire_load_file(path=path)
        return questionnaire_newest_published()

    def _users(self) -> dict[str, str]:
        path = settings.VAR_DIR / "demo-credentials.json"
        stored = json.loads(path.read_text()) if path.exists() else {}
        user_model = get_user_model()
        for role in ALL_ROLES:
            group, _ = Group.objects.get_or_create(name=role.value)
            user, created = user_model.objects.get_or_create(
                username=role.value, defaults={"email": f"{role.value}@demo.example"}
            )
            if created or role.value not in stored:
                stored[role.value] = secrets.token_urlsafe(12)
                user.set_password(stored[role.value])
            user.is_staff = user.is_superuser = role is Role.ADMIN
            user.first_name = role.value.capitalize()
            user.save()
            user.groups.add(group)
        path.write_text(json.dumps(stored, indent=2))
        path.chmod(0o600)
        return stored

    def _vendor(self, spec, questionnaire: QuestionnaireVersion, credentials_user: Role) -> None:
        name, website, country, offering_name, deployment, status, style, share = spec
        requester = get_user_model().objects.get(username=credentials_user.value)
        vendor = Vendor.objects.filter(name__iexact=name).first() or vendor_create(
            actor=requester, name=name, website=website, country=country
        )
        offering = vendor.offerings.filter(name__iexact=offering_name).first() or offering_create(
            actor=requester, vendor=vendor, name=offering_name, deployment_model=deployment
        )
        if offering.assessments.exists():
            return
        assessment = assessment_create(
            actor=requester,
            offering=offering,
            questionnaire=questionnaire,
            due_date=date.today() + timedelta(days=21),
        )
        self._answer(assessment, requester, style, share)
        if status != Assessment.Status.DRAFT:
            # Demo states up to review are set directly; a decision goes through the services.
            Assessment.objects.filter(pk=assessment.pk).update(
                status=Assessment.Status.IN_REVIEW if status in DECIDED else status,
                submitted_at=timezone.now(),
            )
        if status in DECIDED:
            demo_decide(assessment, decision=status)

    def _answer(self, assessment: Assessment, actor, style: str, share: float) -> None:
        rng = random.Random(assessment.offering.name)  # noqa: S311 - demo data, not security
        questions = list(assessment.questionnaire.questions.prefetch_related("options"))
        rubric = questionnaire_structure_by_id(assessment.questionnaire_id).rubric
        context = DEMO_CONTEXT.get(assessment.offering.name, {})
        chosen: dict[str, str] = {}
        for question in questions[: max(1, int(len(questions) * share))]:
            if question.key in hidden_questions(rubric, chosen):
                continue
            options = sorted(question.options.all(), key=lambda o: (o.is_unknown, -o.score))
            known = [o for o in options if not o.is_unknown]
            option = {"strong": known[0], "weak": known[-1]}.get(style) or rng.choice(options)
            if style == "good" and rng.random() < 0.8:
                option = known[0]
            if question.key in context:
                option = next(o for o in options if o.key == context[question.key])
            chosen[question.key] = option.key
            level = rng.choice(["claim", "claim", "documented"])
            answer_save(
                actor=actor,
                assessment_pk=assessment.pk,
                question_key=question.key,
                option_key=option.key,
                explanation="Demo answer.",
                evidence_level=level,
            )
