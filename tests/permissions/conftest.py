"""The site as the permission tests see it: every URL pattern, the objects each one needs, a client
per principal, and how a response reads as an outcome of tests/permissions/matrix.py."""

import copy
import datetime
import hashlib
import re
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLResolver, get_resolver
from django.utils import timezone
from rest_framework.test import APIClient

from assessments.answers.services import answer_save
from assessments.evidence.services import evidence_add
from assessments.invitations.links import invitation_accept
from assessments.invitations.services import invitation_create
from assessments.lifecycle import assessment_create, assessment_reassess, assessment_submit
from assessments.models import Answer, Assessment, EvidenceDocument
from assessments.questionnaire.loader import questionnaire_load_file
from assessments.review.services import assessment_decide, condition_add, review_start
from core.tokens.services import api_token_create
from interchange.models import AnswersImport, ColumnMapping
from interchange.vendor_list.services import vendor_list_import_preview
from reports.models import Report
from reports.rendering import report_fail
from reports.services import report_request
from reports.storage import artifact_save
from tests.assessments.helpers import answer_all
from tests.factories import OfferingFactory, UserFactory, VendorFactory, api_key_for
from tests.permissions.matrix import EXCLUDED, PRINCIPALS, Outcome
from tests.support import files
from tests.support.questionnaires import REAL_QUESTIONNAIRE
from tiering.rules import current_rules
from webhooks.models import WebhookDelivery, WebhookEndpoint

LOGIN_URL = "/accounts/login/"
# A question whose chosen option raises a finding, so that accepting its risk can succeed.
QUESTION_KEY, FINDING_OPTION = "key_isolation.key_location", "frontend_memory"
QUESTION_DOMAIN = "key_isolation"
PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


def site_routes(*, include_excluded: bool = False) -> dict[str, object]:
    """Every URL pattern of the site (includes walked), as route string -> view callback.

    Excluded prefixes (tests.permissions.matrix.EXCLUDED) are left out, and so is everything
    under them: admin/ is a whole include."""
    found: dict[str, object] = {}

    def walk(resolver, prefix: str) -> None:
        for entry in resolver.url_patterns:
            route = prefix + str(entry.pattern)
            if route in EXCLUDED and not include_excluded:
                continue
            if isinstance(entry, URLResolver):
                if route in EXCLUDED:
                    found[route] = None
                    continue
                walk(entry, route)
            else:
                found[route] = entry.callback

    walk(get_resolver(), "")
    return found


def is_api(route: str) -> bool:
    return route.startswith("api/")


def parameters(route: str) -> list[tuple[str, str]]:
    """The route's path parameters as (converter, name)."""
    return [(m["converter"] or "str", m["name"]) for m in PARAMETER.finditer(route)]


# The object (a Site attribute) each route's <pk> names: vendor routes name the vendor, the rest
# an assessment in the state the route's actions need — a draft unless listed here.
PK_OBJECT = {
    "api/v1/questionnaires/<int:pk>/": "questionnaire",
    "api/v1/webhooks/<uuid:pk>/": "webhook",
    "webhooks/<uuid:pk>/switch/": "webhook",
    "webhooks/<uuid:pk>/deliveries/": "webhook",
    "webhooks/<uuid:pk>/deliveries/<uuid:delivery_id>/redeliver/": "webhook",
    "api/v1/webhooks/<uuid:pk>/deliveries/": "webhook",
    "api/v1/webhooks/<uuid:pk>/deliveries/<uuid:delivery_id>/redeliver/": "webhook",
    "assessments/questionnaires/<int:pk>/coverage/": "questionnaire",
    "assessments/<uuid:pk>/diff/": "reassessed",
    "reports/preview/<uuid:pk>/": "in_review",
    "reports/<uuid:pk>/": "queued_report",
    "reports/<uuid:pk>/retry/": "failed_report",
    "reports/<uuid:pk>/download/": "done_report",
    "api/v1/reports/<uuid:pk>/": "queued_report",
    "api/v1/reports/<uuid:pk>/retry/": "failed_report",
    "api/v1/reports/<uuid:pk>/download/": "done_report",
    "api/v1/invitations/<uuid:pk>/revoke/": "invitation",
    "accounts/tokens/<uuid:pk>/revoke/": "own_token",
    "api/v1/auth/tokens/<uuid:pk>/revoke/": "own_token",
    "api/v1/invitations/<uuid:pk>/resend/": "invitation",
    "api/v1/invitations/<uuid:pk>/end-sessions/": "accepted_invitation",
    "vendor/assessments/<uuid:pk>/": "invited",
    "vendor/assessments/<uuid:pk>/answers/<str:question_key>/": "invited",
    "vendor/assessments/<uuid:pk>/evidence/": "invited",
    "vendor/assessments/<uuid:pk>/done/": "invited",
    "assessments/<uuid:pk>/": "in_review",
    "assessments/<uuid:pk>/review/": "in_review",
    "assessments/<uuid:pk>/history/": "in_review",
    "assessments/<uuid:pk>/submit/": "answered",
    "assessments/<uuid:pk>/evidence/<uuid:evidence_id>/": "with_evidence",
    "assessments/<uuid:pk>/export/answers.xlsx": "in_review",
    "assessments/<uuid:pk>/export/answers.csv": "in_review",
    "assessments/<uuid:pk>/evidence/<uuid:evidence_id>/document/": "with_evidence",
    "assessments/<uuid:pk>/evidence/<uuid:evidence_id>/document/confirm/": "with_evidence",
    "api/v1/assessments/<uuid:pk>/": "in_review",
    "api/v1/assessments/<uuid:pk>/answers/": "in_review",
    "api/v1/assessments/<uuid:pk>/scorecard/": "in_review",
    "api/v1/assessments/<uuid:pk>/history/": "in_review",
    "api/v1/assessments/<uuid:pk>/submit/": "answered",
    "api/v1/assessments/<uuid:pk>/review/start/": "submitted",
    "api/v1/assessments/<uuid:pk>/answers/<str:question_key>/evidence-level/": "in_review",
    "api/v1/assessments/<uuid:pk>/answers/<str:question_key>/override/": "in_review",
    "api/v1/assessments/<uuid:pk>/answers/<str:question_key>/comments/": "in_review",
    "api/v1/assessments/<uuid:pk>/findings/<str:question_key>/accept/": "in_review",
    "api/v1/assessments/<uuid:pk>/conditions/": "in_review",
    "api/v1/assessments/<uuid:pk>/request-changes/": "in_review",
    "api/v1/assessments/<uuid:pk>/decision/": "in_review",
    "api/v1/assessments/<uuid:pk>/reassess/": "decided",
    "api/v1/assessments/<uuid:pk>/answers/<str:question_key>/reviewed/": "in_review",
    "api/v1/assessments/<uuid:pk>/domains/<str:domain_key>/reviewed/": "in_review",
    "api/v1/assessments/<uuid:pk>/decision/withdraw/": "decided",
    "assessments/<uuid:pk>/review/fragments/": "in_review",
    "assessments/<uuid:pk>/review/decision-preview/": "in_review",
    "assessments/<uuid:pk>/conditions/<int:condition_id>/done/": "conditional",
    "api/v1/assessments/<uuid:pk>/conditions/<int:condition_id>/done/": "conditional",
}

# A valid body for each write, so that an allowed request really does its work (2xx/3xx).
BODIES = {
    ("vendors/new/", "POST"): lambda site: {"name": "Acme Widgets", "country": "Germany"},
    ("vendors/import/", "POST"): lambda site: {"file": _vendor_list()},
    ("vendors/<uuid:pk>/edit/", "POST"): lambda site: {"name": "Acme Widgets GmbH"},
    ("vendors/<uuid:pk>/offerings/new/", "POST"): lambda site: {
        "name": "Acme Cloud",
        "deployment_model": "saas",
    },
    ("vendors/<uuid:pk>/contacts/new/", "POST"): lambda site: {
        "name": "Jo Doe",
        "email": "jo@acme.example",
    },
    ("assessments/new/", "POST"): lambda site: {
        "offering": str(site.offering.pk),
        "questionnaire": site.questionnaire.pk,
    },
    ("api/v1/vendors/", "POST"): lambda site: {"name": "Acme Widgets", "country": "Germany"},
    # A public address as a literal: registration checks it without a DNS lookup.
    ("api/v1/webhooks/", "POST"): lambda site: {
        "url": "https://93.184.215.14/hooks/sbd",
        "events": ["assessment.decided"],
    },
    ("api/v1/webhooks/<uuid:pk>/", "PATCH"): lambda site: {"description": "Our ticketing system"},
    ("webhooks/", "POST"): lambda site: {
        "url": "https://93.184.215.14/hooks/sbd",
        "events": ["report.done"],
    },
    ("webhooks/<uuid:pk>/switch/", "POST"): lambda site: {"on": "0"},
    ("api/v1/vendors/<uuid:id>/", "PATCH"): lambda site: {"notes": "Met them at the fair."},
    ("api/v1/vendors/<uuid:vendor_id>/offerings/", "POST"): lambda site: {
        "name": "Acme Cloud",
        "deployment_model": "saas",
    },
    ("api/v1/vendors/<uuid:vendor_id>/contacts/", "POST"): lambda site: {
        "name": "Jo Doe",
        "email": "jo@acme.example",
    },
    ("api/v1/assessments/", "POST"): lambda site: {
        "offering": str(site.offering.pk),
        "questionnaire": site.questionnaire.pk,
    },
    ("api/v1/assessments/<uuid:pk>/answers/<str:question_key>/", "PUT"): lambda site: {
        "option": FINDING_OPTION,
        "evidence_level": "documented",
    },
    ("api/v1/assessments/<uuid:pk>/answers/<str:question_key>/", "PATCH"): lambda site: {
        "text": "Keys are held by the vendor's HSM."
    },
    ("api/v1/assessments/<uuid:pk>/answers/batch/", "POST"): lambda site: {
        "answers": [{"question_key": QUESTION_KEY, "option": FINDING_OPTION}]
    },
    ("api/v1/assessments/<uuid:pk>/evidence/", "POST"): lambda site: {
        "question_key": QUESTION_KEY,
        "url": "https://vendor.example/soc2-report",
    },
    ("vendors/<uuid:pk>/offerings/<uuid:offering_id>/risk/", "POST"): lambda site: {
        q.key: q.options[-1].key for q in current_rules().questions
    },
    ("vendors/<uuid:pk>/offerings/<uuid:offering_id>/risk/override/", "POST"): lambda site: {
        "tier": "1",
        "justification": "It will hold our payroll data from next year.",
    },
    ("assessments/<uuid:pk>/evidence/<uuid:evidence_id>/document/", "POST"): lambda site: {
        "kind": "pentest",
        "issued_on": "2026-11-02",
    },
    ("assessments/<uuid:pk>/evidence/<uuid:evidence_id>/document/confirm/", "POST"): (
        lambda site: {"scope_justification": ""}
    ),
    (
        "api/v1/assessments/<uuid:pk>/answers/<str:question_key>/evidence-level/",
        "POST",
    ): lambda site: {"evidence_level": "verified"},
    ("api/v1/assessments/<uuid:pk>/answers/<str:question_key>/override/", "POST"): lambda site: {
        "score": 40,
        "justification": "Keys are wrapped by the platform KMS.",
    },
    ("api/v1/assessments/<uuid:pk>/answers/<str:question_key>/comments/", "POST"): lambda site: {
        "body": "Which HSM model do you use?"
    },
    ("api/v1/assessments/<uuid:pk>/findings/<str:question_key>/accept/", "POST"): lambda site: {
        "justification": "Accepted for the pilot phase only."
    },
    ("api/v1/assessments/<uuid:pk>/conditions/", "POST"): lambda site: {
        "text": "Move the keys into an HSM.",
        "owner": "Vendor",
    },
    ("api/v1/assessments/<uuid:pk>/request-changes/", "POST"): lambda site: {
        "question_keys": [QUESTION_KEY],
        "message": "Where exactly do the keys live?",
    },
    ("api/v1/assessments/<uuid:pk>/decision/", "POST"): lambda site: {
        "decision": "rejected",
        "rationale": "Keys live in the frontend's memory.",
    },
    ("api/v1/assessments/<uuid:pk>/decision/withdraw/", "POST"): lambda site: {
        "reason": "The board asked for the review to be reopened."
    },
    ("assessments/<uuid:pk>/review/decision-preview/", "POST"): lambda site: {
        "decision": "rejected",
        "rationale": "Keys live in the frontend's memory.",
    },
    ("api/v1/assessments/<uuid:pk>/invitations/", "POST"): lambda site: {
        "email": "lee@vendor.example",
        "name": "Lee Vendor",
        "domains": [QUESTION_DOMAIN],
    },
    ("vendor/assessments/<uuid:pk>/answers/<str:question_key>/", "PUT"): lambda site: {
        "option": FINDING_OPTION
    },
    ("vendor/assessments/<uuid:pk>/evidence/", "POST"): lambda site: {
        "question_key": QUESTION_KEY,
        "url": "https://vendor.example/soc2-report",
    },
    ("assessments/<uuid:pk>/conditions/<int:condition_id>/done/", "POST"): lambda site: {
        "note": "The keys moved into the HSM in March."
    },
    ("api/v1/assessments/<uuid:pk>/conditions/<int:condition_id>/done/", "POST"): lambda site: {
        "note": "The keys moved into the HSM in March."
    },
    ("reports/compare/", "POST"): lambda site: {"assessments": site.pair},
    ("api/v1/comparisons/", "POST"): lambda site: {"assessments": site.pair},
}
# Query strings a page needs to show something (its ids are checked like path ids).
QUERIES = {
    "reports/compare/preview/": lambda site: {"a": site.pair},
}
MULTIPART = {("api/v1/assessments/<uuid:pk>/evidence/", "POST")}


class Site:
    """Every object the routes need, built once for the package through the real services.

    Each test runs in a transaction that is rolled back (and the objects below in one around the
    whole package, rolled back at its end): every request meets them exactly as built here, so an
    allowed change made by one case can never turn the next case's ALLOW into a 409.
    """

    def __init__(self, questionnaire) -> None:
        self.questionnaire = questionnaire
        self.users = {p: _user(p) for p in PRINCIPALS if p != "anonymous"}
        self.tokens = {p: api_key_for(u) for p, u in self.users.items()}
        # A second token of each principal's own, for the revoke routes (send).
        self.own_tokens = {
            p: api_token_create(user=u, name="to revoke").token for p, u in self.users.items()
        }
        self.own_token = self.own_tokens["procurement"]
        self.vendor = VendorFactory()
        self.offering = OfferingFactory(vendor=self.vendor)
        self.draft = self._new()
        self.answered = self._answered()
        self.submitted = self._submitted()
        self.in_review = self._in_review()
        self.decided = self._decided()
        # A new draft revision of a decided assessment: it has a previous one to compare to.
        self.reassessed = assessment_reassess(
            actor=self.user("procurement"), assessment_pk=self._decided().pk
        )
        self.with_evidence = self._new()  # not the draft: evidence creates an empty answer
        self.evidence = self._evidence(self.with_evidence, "SOC 2 report.pdf")
        # Recorded as a document, so that its confirmation has something to confirm.
        EvidenceDocument.objects.create(
            evidence=self.evidence, kind="pentest", issued_on=datetime.date(2026, 11, 1)
        )
        # Evidence of another assessment: its id must not open anything through this one.
        self.other_evidence = self._evidence(self._new(), "pentest.pdf")
        # Two assessments of one questionnaire version: something to compare.
        self.pair = [str(self.draft.pk), str(self._new().pk)]
        # Report renders are enqueued on commit, which never happens here.
        self.queued_report = self._report()
        # Every role may retry a failed report of its own (only an admin anyone's): each
        # principal meets one it requested on the retry routes (send).
        self.failed_reports = {
            p: self._failed(self._report(requester=u)) for p, u in self.users.items()
        }
        self.failed_report = self.failed_reports["procurement"]
        self.done_report = self._done(self._report())
        # A pending invitation, and one whose link a vendor has confirmed (an open session).
        self.invitation, _ = self.invite("sam@vendor.example")
        self.accepted_invitation, token = self.invite("kim@vendor.example")
        invitation_accept(token=token, ip="192.0.2.10")
        self.invited = self.accepted_invitation.assessment
        # Approved with one open condition: what the conditions tracker marks done.
        self.conditional, self.condition = self._conditional()
        # A previewed import of a vendor's file into the draft, and a saved column mapping.
        self.answers_import = AnswersImport.objects.create(
            assessment=self.draft,
            source_format="offline",
            format_label="Offline questionnaire",
            original_name="answers.xlsx",
            size=1,
            sha256="0" * 64,
            content=b"x",
            preview={"items": []},
            created_by=self.user("procurement"),
        )
        self.column_mapping = ColumnMapping.objects.create(
            name="Acme format", id_column="Id", answer_column="Answer", links=[]
        )
        # A webhook endpoint with one delivery (made directly: registration resolves its host).
        self.webhook = WebhookEndpoint.objects.create(
            url="https://hooks.example.com/in", events=["report.done"], secret="whsec_AAAA"
        )
        self.webhook_delivery = WebhookDelivery.objects.create(
            endpoint=self.webhook, event="report.done", payload={}, status="delivered"
        )
        # A previewed vendor list, clean, so that confirming it succeeds.
        self.vendor_list_import = vendor_list_import_preview(
            actor=self.user("procurement"), upload=_vendor_list()
        )

    def user(self, principal: str):
        return self.users.get(principal)

    def client(self, principal: str, *, api: bool):
        user = self.user(principal)
        if api:
            client = APIClient()
            if user is not None:
                client.credentials(HTTP_AUTHORIZATION=f"Token {self.tokens[principal]}")
            return client
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    def _new(self):
        return assessment_create(
            actor=self.user("procurement"), offering=self.offering, questionnaire=self.questionnaire
        )

    def _answered(self):
        """A draft with every question answered, one of them raising a finding."""
        assessment = self._new()
        pat = self.user("procurement")
        answer_all(assessment, pat)
        current = Answer.objects.get(assessment=assessment, question__key=QUESTION_KEY)
        answer_save(
            actor=pat,
            assessment_pk=assessment.pk,
            question_key=QUESTION_KEY,
            option_key=FINDING_OPTION,
            evidence_level="documented",
            expected_version=current.version,
        )
        return assessment

    def _submitted(self):
        return assessment_submit(actor=self.user("procurement"), assessment_pk=self._answered().pk)

    def _in_review(self):
        return review_start(actor=self.user("architect"), assessment_pk=self._submitted().pk)

    def _decided(self):
        return assessment_decide(
            actor=self.user("architect"),
            assessment_pk=self._in_review().pk,
            decision="rejected",
            rationale="Keys live in frontend memory.",
        )

    def _conditional(self):
        assessment = self._in_review()
        condition = condition_add(
            actor=self.user("architect"),
            assessment_pk=assessment.pk,
            text="Move the keys into an HSM.",
            owner="Vendor",
            finding_keys=[QUESTION_KEY],
        )
        # The decision's guardrails are tested elsewhere; here only its outcome matters.
        Assessment.objects.filter(pk=assessment.pk).update(
            status=Assessment.Status.APPROVED_WITH_CONDITIONS, decided_at=timezone.now()
        )
        assessment.refresh_from_db()
        return assessment, condition

    def _evidence(self, assessment, name: str):
        upload = SimpleUploadedFile(name, files.PDF, "application/pdf")
        return evidence_add(
            actor=self.user("procurement"),
            assessment=assessment,
            question_key=QUESTION_KEY,
            upload=upload,
        )

    def invite(self, email: str):
        """A new invitation to a new draft, and its link's token. The e-mail would go out on
        commit, which never happens in these tests."""
        return invitation_create(
            actor=self.user("procurement"),
            assessment=self._new(),
            email=email,
            name="Sam Vendor",
            domain_keys=[QUESTION_DOMAIN],
        )

    def _report(self, requester=None):
        report, _ = report_request(
            actor=requester or self.user("procurement"), assessment=self._new()
        )
        return report

    @staticmethod
    def _failed(report):
        report_fail(report_id=report.pk, reason="The renderer was stopped.")
        return report

    @staticmethod
    def _done(report):
        """Finished as report_render leaves a report, without spending a real render."""
        name = artifact_save(name=f"{report.pk}.pdf", content=files.PDF)
        Report.objects.filter(pk=report.pk).update(
            status=Report.Status.DONE,
            progress=100,
            artifact_name=name,
            sha256=hashlib.sha256(files.PDF).hexdigest(),
            size=len(files.PDF),
        )
        return report

    def value(self, route: str, name: str):
        """The real value for one path parameter of `route`."""
        if name in ("id", "vendor_id") or (name == "pk" and route.startswith("vendors/")):
            return self.vendor.pk
        if name == "pk":
            return getattr(self, PK_OBJECT.get(route, "draft")).pk
        if name == "evidence_id":
            return self.evidence.pk
        if name == "offering_id":
            return self.offering.pk
        if name == "question_key":
            return QUESTION_KEY
        if name == "domain_key":
            return QUESTION_DOMAIN
        if name == "condition_id":
            return self.condition.pk
        if name == "delivery_id":
            return self.webhook_delivery.pk
        if name == "import_id" and route.startswith("vendors/"):
            return self.vendor_list_import.pk
        if name == "import_id" and route.startswith("assessments/"):
            return self.answers_import.pk
        if name == "mapping_id":
            return self.column_mapping.pk
        raise LookupError(f"No value for <{name}> in {route!r}: teach Site.value about it.")

    def path(self, route: str, **replace) -> str:
        """The URL path of `route` with real objects, or with `replace`d parameter values."""

        def fill(match: re.Match) -> str:
            name = match["name"]
            return str(replace[name] if name in replace else self.value(route, name))

        path = "/" + PARAMETER.sub(fill, route)
        query = QUERIES.get(route)
        return f"{path}?{urlencode(query(self), doseq=True)}" if query else path

    def body(self, route: str, method: str) -> dict:
        make = BODIES.get((route, method))
        return make(self) if make else {}


def _vendor_list() -> SimpleUploadedFile:
    return SimpleUploadedFile("vendors.csv", b"Vendor,Country\nAcme Imports,Germany\n")


def _user(principal: str):
    if principal == "outsider":
        return UserFactory(username="perm-outsider")
    admin = principal == "admin"
    return UserFactory(
        username=f"perm-{principal}", role=principal, is_staff=admin, is_superuser=admin
    )


@pytest.fixture(scope="package")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The Site, built once inside a transaction that is rolled back after the package's last
    test (the way TestCase.setUpTestData works); each test's own transaction nests inside it."""
    root = tmp_path_factory.mktemp("permissions")
    storages = copy.deepcopy(settings.STORAGES)
    storages["reports"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(root / "reports")},
    }
    with override_settings(
        MEDIA_ROOT=root / "media",
        STORAGES=storages,
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    ):
        with django_db_blocker.unblock():
            outer = transaction.atomic()
            outer.__enter__()
        try:
            with django_db_blocker.unblock():
                built = Site(questionnaire_load_file(path=REAL_QUESTIONNAIRE).questionnaire)
            yield built
        finally:
            with django_db_blocker.unblock():
                transaction.set_rollback(True)
                outer.__exit__(None, None, None)


@pytest.fixture
def site(world, db) -> Site:
    return world


def send(site: Site, principal: str, route: str, method: str, path: str | None = None):
    """One request, as `principal`, the way a real client of that route would make it."""
    api = is_api(route)
    client = site.client(principal, api=api)
    if path is None and PK_OBJECT.get(route) == "failed_report" and principal in site.users:
        path = site.path(route, pk=site.failed_reports[principal].pk)
    if path is None and PK_OBJECT.get(route) == "own_token" and principal in site.users:
        path = site.path(route, pk=site.own_tokens[principal].pk)
    path = path or site.path(route)
    call = getattr(client, method.lower())
    if method in ("GET", "HEAD", "OPTIONS"):
        return call(path)
    body = site.body(route, method)
    if api:
        kind = "multipart" if (route, method) in MULTIPART else "json"
        return call(path, body, format=kind)
    if method == "POST":
        return call(path, body)
    return call(path)


def finish(response) -> int:
    """The response's status, after reading a download to its end: that closes its file the way
    the test client expects (response.close() would also fire request_finished and close the
    test's database connection)."""
    if response.streaming:
        b"".join(response.streaming_content)
    return response.status_code


def outcome_of(response) -> Outcome:
    """Read a response as a matrix outcome; anything that is none of them fails the test."""
    status = finish(response)
    location = response.get("Location", "")
    if status == 401:
        assert response.get("WWW-Authenticate") == "Token", "401 without a Token challenge"
        return Outcome.UNAUTHENTICATED
    if status == 403:
        return Outcome.FORBIDDEN
    if status == 404:
        return Outcome.NOT_FOUND
    if 300 <= status < 400 and location.startswith(LOGIN_URL):
        assert location.startswith(f"{LOGIN_URL}?next="), location
        return Outcome.LOGIN
    if 200 <= status < 400 or status in (400, 409):
        return Outcome.ALLOW
    raise AssertionError(f"unexpected status {status}")
