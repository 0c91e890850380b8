"""Every URL pattern of the site, every HTTP method it accepts, six principals: the outcome.

Adding a route without an entry here fails test_every_route_has_an_entry, so nobody can add a
page or an endpoint without deciding who may use it. Each method names the capability of
core.permission_matrix it exercises; a test checks that the principals allowed here are exactly
the ones the README's table allows.

Outcomes, as test_route_matrix reads a response:
  ALLOW            the permission checks passed: 2xx, a 3xx that is not a redirect to the login
                   page, 400 (allowed, but the input was refused) or 409 (allowed, but not in the
                   object's current state). Anything else — 405, 500 … — fails as unexpected.
                   Every case meets objects in the state its action needs, and its changes are
                   rolled back after it (conftest.Site), so an earlier request can never turn an
                   ALLOW into a 409; a 409 would still count as ALLOW, because the role check
                   had already passed. (Today every ALLOW case answers 2xx or 3xx.)
  LOGIN            a browser page redirecting to /accounts/login/?next=…
  UNAUTHENTICATED  an API 401 that carries `WWW-Authenticate: Token`
  FORBIDDEN        403
  NOT_FOUND        404
"""

from enum import StrEnum


class Outcome(StrEnum):
    ALLOW = "allow"
    LOGIN = "login"
    UNAUTHENTICATED = "unauthenticated"
    FORBIDDEN = "forbidden"
    NOT_FOUND = "not_found"


ALLOW = Outcome.ALLOW
LOGIN = Outcome.LOGIN
UNAUTHENTICATED = Outcome.UNAUTHENTICATED
FORBIDDEN = Outcome.FORBIDDEN
NOT_FOUND = Outcome.NOT_FOUND

# The order of the six outcome columns below.
PRINCIPALS = ("anonymous", "outsider", "procurement", "architect", "viewer", "admin")

# What the request tests try on every route; a route "accepts" a method unless it answers 405.
METHODS = ("GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE")

# Public by design or Django's own: not in ROUTES, each with the reason.
EXCLUDED = {
    "admin/": "Django's admin site; test_admin_site_needs_staff covers it",
    "accounts/login/": "the sign-in page must be reachable signed out",
    "accounts/logout/": "signing out is open to everyone by design",
    "accounts/sso/start/": "company sign-in starts signed out by design (404 while it is off); "
    "tests/sso covers it",
    "accounts/sso/callback/": "the identity provider sends the signed-out browser back here; "
    "state, PKCE and the ID token are its checks (tests/sso/test_sign_in.py)",
    "api/schema/": "the OpenAPI schema is public documentation",
    "api/docs/": "the Swagger UI over that schema is public documentation",
    "api/v1/auth/token/": "exchanging a username and password for a token needs no token",
    "vendor/invite/<str:token>/": "an invitation link is public by design: its token is the "
    "credential; test_vendor_session_reaches_only_its_invitation covers it",
    "healthz": "the liveness probe is public by design: it says only that the process answers; "
    "tests/deploy/test_health_endpoints covers it",
    "readyz": "the readiness probe is public by design: it names its checks and their state, "
    "nothing else; tests/deploy/test_health_endpoints covers it",
    "metrics": "no role opens it: only METRICS_TOKEN or an address in METRICS_ALLOWED_IPS, and "
    "everyone else gets 404; tests/deploy/test_metrics_protection covers it",
}

Row = tuple[str, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome]


def page(row: Row) -> dict[str, Row]:
    """A read-only browser page (require_safe): GET and its HEAD; every other method is a 405."""
    return {"GET": row, "HEAD": row}


def form_page(row: Row) -> dict[str, Row]:
    """A browser form: shown by GET and HEAD, sent by POST, under one capability."""
    return {"GET": row, "HEAD": row, "POST": row}


# API reads: GET, its HEAD, and OPTIONS (DRF's metadata) all need a role and nothing more.
API_READ: Row = ("read", UNAUTHENTICATED, FORBIDDEN, ALLOW, ALLOW, ALLOW, ALLOW)
API_READS = {"GET": API_READ, "HEAD": API_READ, "OPTIONS": API_READ}
WEBHOOK_PAGE: Row = ("manage_webhooks", LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, ALLOW)
WEBHOOKS: Row = (
    "manage_webhooks",
    UNAUTHENTICATED,
    FORBIDDEN,
    FORBIDDEN,
    FORBIDDEN,
    FORBIDDEN,
    ALLOW,
)

#          capability           anonymous        outsider   procurement architect viewer admin
ROUTES: dict[str, dict[str, Row]] = {
    # ---- browser pages ------------------------------------------------------------------------
    "": page(  # the dashboard: login_required only; without a role it says so
        ("dashboard", LOGIN, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW)
    ),
    # ---- the second factor (tests/security/test_totp.py and test_totp_recovery_codes.py) -------
    "accounts/login/code/": form_page(  # users without an authenticator app are sent straight on
        ("sign_in_code", LOGIN, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW)
    ),
    "accounts/login/recovery/": form_page(  # the same step with a recovery code
        ("sign_in_code", LOGIN, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW)
    ),
    "accounts/security/": page(
        ("second_factor", LOGIN, FORBIDDEN, FORBIDDEN, ALLOW, FORBIDDEN, ALLOW)
    ),
    "accounts/security/totp/setup/": {
        "POST": ("second_factor", LOGIN, FORBIDDEN, FORBIDDEN, ALLOW, FORBIDDEN, ALLOW),
    },
    "accounts/security/totp/confirm/": {
        "POST": ("second_factor", LOGIN, FORBIDDEN, FORBIDDEN, ALLOW, FORBIDDEN, ALLOW),
    },
    "accounts/security/totp/remove/": {
        "POST": ("second_factor", LOGIN, FORBIDDEN, FORBIDDEN, ALLOW, FORBIDDEN, ALLOW),
    },
    "accounts/security/recovery-codes/regenerate/": {
        "POST": ("second_factor", LOGIN, FORBIDDEN, FORBIDDEN, ALLOW, FORBIDDEN, ALLOW),
    },
    # Each person's own settings (the time zone times print in): any role (core/preferences.py).
    "accounts/preferences/": form_page(("read", LOGIN, FORBIDDEN, ALLOW, ALLOW, ALLOW, ALLOW)),
    # Each person's own API tokens (core/tokens/): any role; another's token is a 404
    # (tests/security/test_api_token_lifecycle.py). Each principal revokes one of its own here.
    "accounts/tokens/": form_page(("read", LOGIN, FORBIDDEN, ALLOW, ALLOW, ALLOW, ALLOW)),
    "accounts/tokens/<uuid:pk>/revoke/": {
        "POST": ("read", LOGIN, FORBIDDEN, ALLOW, ALLOW, ALLOW, ALLOW),
    },
    "vendors/": page(("read", LOGIN, FORBIDDEN, ALLOW, ALLOW, ALLOW, ALLOW)),
    # The admins' webhooks page (webhooks/views.py).
    "webhooks/": form_page(WEBHOOK_PAGE),
    "webhooks/<uuid:pk>/switch/": {"POST": WEBHOOK_PAGE},
    "webhooks/<uuid:pk>/deliveries/": page(WEBHOOK_PAGE),
    "webhooks/<uuid:pk>/deliveries/<uuid:delivery_id>/redeliver/": {"POST": WEBHOOK_PAGE},
    "vendors/new/": form_page(
        ("edit_catalogue", LOGIN, FORBIDDEN, ALLOW, FORBIDDEN, FORBIDDEN, ALLOW)
    ),
    # Importing a vendor list (interchange/vendor_list/): whoever may create vendors.
    "vendors/import/": form_page(
        ("edit_catalogue", LOGIN, FORBIDDEN, ALLOW, FORBIDDEN, FORBIDDEN, ALLOW)
    ),
    "vendors/import/<uuid:import_id>/": page(
        ("edit_catalogue", LOGIN, FORBIDDEN, ALLOW, FORBIDDEN, FORBIDDEN, ALLOW)
    ),
    "vendors/import/<uuid:import_id>/confirm/": {
        "POST": ("edit_catalogue", LOGIN, FORBIDDEN, ALLOW, FORBIDDEN, FORBIDDEN, ALLOW),
    },
    "vendors/import/<uuid:import_id>/discard/": {
        "POST": ("edit_catalogue", LOGIN, FORBIDDEN, ALLOW, FORBIDDEN, FORBIDDEN, ALLOW),
    },
    # An offering's inherent risk and tier (tiering/views.py).
    "vendors/<uuid:pk>/offerings/<uuid:offering_id>/risk/": {
        "GET": ("read", LOGIN, FORBIDDEN, ALLOW, ALLOW, ALLOW, ALLOW),
        "HEAD": ("read", LOGIN, FORBIDDEN, ALLOW, ALLOW, ALLOW, ALLOW),
        "POST": ("assess_inherent_risk", LOGIN, FORBIDDEN, ALLOW, ALLOW, FORBIDDEN, ALLOW),
    },
    "vendors/<uuid:pk>/offerings/<uuid:offering_id>/risk/override/": {
        "POST": ("override_tier", LOGIN, FORBIDDEN, FORBIDDEN, ALLOW, FORBIDDEN, ALLOW),
    },
    "vendors/<uuid:pk>/": page(("read", LOGIN, FORBIDDEN, ALLOW, ALLOW, ALLOW, ALLOW)),
    "vendors/<uuid:pk>/edit/": form_page(
        ("edit_catalogue", LOGIN, FORBIDDEN, ALLOW, FORBIDDEN, FORBIDDEN, ALLOW)
    ),
    "vendors/<uuid:pk>/offerings/new/": form_page(
        ("edit_catalogue", LOGIN, FORBIDDEN, ALLOW, FORBIDDEN, FORBIDDEN, ALLOW)
    ),
    "vendors/<uuid:pk>/contacts/new/": form_page(
        ("edit_catalogue", LOGIN, FORBIDDEN, ALLOW, FORBIDDEN, FORBIDDEN, ALLOW)
    ),
    "assessments/": page(("read", LOGIN, FORBIDDEN, ALLOW, ALLOW, ALLOW, ALLOW)),
    # The list's exports are report jobs: GET and HEAD offer the button, POST starts the job.
    "assessments/export/csv/": {
        **page(("read", LOGIN, FORBIDDEN, ALLOW, ALLOW, ALLOW, ALLOW)),
        "POST": ("request_report", LOGIN, FORBIDDEN, ALLOW, ALLOW, ALLOW, ALLOW),
    },
    "assessments/export/xlsx/": {
        **page(("read", LOGIN, FORBIDDEN, ALLOW, ALLOW, ALLOW, ALLOW)),
        "POST": ("request_report", LOGIN, FORBIDDEN, ALLOW, ALLOW, ALLOW, ALLOW),
    },
    "assessments/new/": form_page(
        ("start_assessment", LOGIN, FORBIDDEN, ALLOW, FORBIDDEN, FORBIDDEN, ALLOW)
    ),
    "assessments/review/": page(("read", LOGIN, FORBIDDEN, ALLOW, ALLOW, ALLOW, ALLOW)),
    "assessments/conditions/": page(("read", LOGIN, FORBIDDEN, ALLOW, ALLOW, ALLOW, ALLOW)),
    "assessments/<uuid:pk>/conditions/<int:condition_id>/done/": {
        "POST": ("complete_condition", LOGIN, FORBIDDEN, FORBIDDEN, ALLOW, FORBIDDEN, ALLOW),
    },
    "assessments/<uuid:pk>/review/": page(("read", LOGIN, FORBIDDEN, ALLOW, ALLOW, ALLOW, ALLOW)),
    "assessments/<uuid:pk>/review/fragments/": page(
        ("read", LOGIN, FORBIDDEN, ALLOW, ALLOW, ALLOW, ALLOW)
    ),
    "assessments/<uuid:pk>/review/decision-preview/": {
        "POST": ("decide", LOGIN, FORBIDDEN, FORBIDDEN, ALLOW, FORBIDDEN, ALLOW),
    },
    "assessments/<uuid:pk>/history/": page(("read", LOGIN, FORBIDDEN, ALLOW, ALLOW, ALLOW, ALLOW)),
    # Which criteria a published questionnaire version touches (not per assessment: any role).
    "assessments/questionnaires/<int:pk>/coverage/": page(
        ("read", LOGIN, FORBIDDEN, ALLOW, ALLOW, ALLOW, ALLOW)
    ),
    "assessments/<uuid:pk>/": page(("read", LOGIN, FORBIDDEN, ALLOW, ALLOW, ALLOW, ALLOW)),
    "assessments/<uuid:pk>/form/": page(("read", LOGIN, FORBIDDEN, ALLOW, ALLOW, ALLOW, ALLOW)),
    "assessments/<uuid:pk>/submit/": {
        "POST": ("submit", LOGIN, FORBIDDEN, ALLOW, FORBIDDEN, FORBIDDEN, ALLOW),
    },
    "assessments/<uuid:pk>/evidence/<uuid:evidence_id>/": page(
        ("read", LOGIN, FORBIDDEN, ALLOW, ALLOW, ALLOW, ALLOW)
    ),
    # What an evidence document is (assessments/evidence/document_views.py): everyone with a role
    # reads it; the facts are recorded like evidence is attached (a reviewer in this draft: 409),
    # and confirmed by a reviewer (in this draft: 409, allowed but not now).
    "assessments/<uuid:pk>/evidence/<uuid:evidence_id>/document/": {
        "GET": ("read", LOGIN, FORBIDDEN, ALLOW, ALLOW, ALLOW, ALLOW),
        "HEAD": ("read", LOGIN, FORBIDDEN, ALLOW, ALLOW, ALLOW, ALLOW),
        "POST": ("attach_evidence", LOGIN, FORBIDDEN, ALLOW, ALLOW, FORBIDDEN, ALLOW),
    },
    "assessments/<uuid:pk>/evidence/<uuid:evidence_id>/document/confirm/": {
        "POST": ("confirm_document", LOGIN, FORBIDDEN, FORBIDDEN, ALLOW, FORBIDDEN, ALLOW),
    },
    # One assessment as a spreadsheet (interchange/views.py) or OSCAL (interchange/oscal_views.py).
    # A small one comes straight back (GET or POST); a large one is a report job that POST starts.
    "assessments/<uuid:pk>/export/answers.xlsx": {
        **page(("read", LOGIN, FORBIDDEN, ALLOW, ALLOW, ALLOW, ALLOW)),
        "POST": ("request_report", LOGIN, FORBIDDEN, ALLOW, ALLOW, ALLOW, ALLOW),
    },
    "assessments/<uuid:pk>/export/answers.csv": {
        **page(("read", LOGIN, FORBIDDEN, ALLOW, ALLOW, ALLOW, ALLOW)),
        "POST": ("request_report", LOGIN, FORBIDDEN, ALLOW, ALLOW, ALLOW, ALLOW),
    },
    "assessments/<uuid:pk>/export/results.oscal.json": page(
        ("read", LOGIN, FORBIDDEN, ALLOW, ALLOW, ALLOW, ALLOW)
    ),
    # Importing a vendor's filled questionnaire is answering (interchange/answers_import/views.py):
    # the blank offline questionnaire, the upload, its preview, accepting or discarding it, and
    # the column mappings of home-made formats.
    "assessments/<uuid:pk>/export/questionnaire.xlsx": page(
        ("answer", LOGIN, FORBIDDEN, ALLOW, FORBIDDEN, FORBIDDEN, ALLOW)
    ),
    "assessments/<uuid:pk>/import/": {
        **page(("answer", LOGIN, FORBIDDEN, ALLOW, FORBIDDEN, FORBIDDEN, ALLOW)),
        "POST": ("answer", LOGIN, FORBIDDEN, ALLOW, FORBIDDEN, FORBIDDEN, ALLOW),
    },
    "assessments/<uuid:pk>/import/<uuid:import_id>/": page(
        ("answer", LOGIN, FORBIDDEN, ALLOW, FORBIDDEN, FORBIDDEN, ALLOW)
    ),
    "assessments/<uuid:pk>/import/<uuid:import_id>/apply/": {
        "POST": ("answer", LOGIN, FORBIDDEN, ALLOW, FORBIDDEN, FORBIDDEN, ALLOW),
    },
    "assessments/<uuid:pk>/import/<uuid:import_id>/discard/": {
        "POST": ("answer", LOGIN, FORBIDDEN, ALLOW, FORBIDDEN, FORBIDDEN, ALLOW),
    },
    "assessments/<uuid:pk>/import/mappings/new/": {
        **page(("answer", LOGIN, FORBIDDEN, ALLOW, FORBIDDEN, FORBIDDEN, ALLOW)),
        "POST": ("answer", LOGIN, FORBIDDEN, ALLOW, FORBIDDEN, FORBIDDEN, ALLOW),
    },
    "assessments/<uuid:pk>/import/mappings/<uuid:mapping_id>/": {
        **page(("answer", LOGIN, FORBIDDEN, ALLOW, FORBIDDEN, FORBIDDEN, ALLOW)),
        "POST": ("answer", LOGIN, FORBIDDEN, ALLOW, FORBIDDEN, FORBIDDEN, ALLOW),
    },
    "assessments/<uuid:pk>/diff/": page(("read", LOGIN, FORBIDDEN, ALLOW, ALLOW, ALLOW, ALLOW)),
    "reports/preview/<uuid:pk>/": page(("read", LOGIN, FORBIDDEN, ALLOW, ALLOW, ALLOW, ALLOW)),
    "reports/request/<uuid:pk>/": {
        "POST": ("request_report", LOGIN, FORBIDDEN, ALLOW, ALLOW, ALLOW, ALLOW),
    },
    "reports/compare/": {  # GET and HEAD show the picker; POST requests the comparison
        **page(("read", LOGIN, FORBIDDEN, ALLOW, ALLOW, ALLOW, ALLOW)),
        "POST": ("request_report", LOGIN, FORBIDDEN, ALLOW, ALLOW, ALLOW, ALLOW),
    },
    "reports/compare/preview/": page(("read", LOGIN, FORBIDDEN, ALLOW, ALLOW, ALLOW, ALLOW)),
    "reports/<uuid:pk>/": page(("read", LOGIN, FORBIDDEN, ALLOW, ALLOW, ALLOW, ALLOW)),
    "reports/<uuid:pk>/retry/": {
        "POST": ("request_report", LOGIN, FORBIDDEN, ALLOW, ALLOW, ALLOW, ALLOW),
    },
    "reports/<uuid:pk>/download/": page(("read", LOGIN, FORBIDDEN, ALLOW, ALLOW, ALLOW, ALLOW)),
    # ---- the vendor's pages: a vendor session from an invitation link, never a Django role ----
    "vendor/assessments/<uuid:pk>/": page(
        ("vendor_pages", FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN)
    ),
    "vendor/assessments/<uuid:pk>/answers/<str:question_key>/": {
        "PUT": ("vendor_pages", FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    },
    "vendor/assessments/<uuid:pk>/evidence/": {
        "POST": ("vendor_pages", FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    },
    "vendor/assessments/<uuid:pk>/done/": {
        "POST": ("vendor_pages", FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    },
    # ---- API: the vendor catalogue ------------------------------------------------------------
    "api/v1/auth/tokens/": API_READS,
    "api/v1/auth/tokens/<uuid:pk>/revoke/": {
        "OPTIONS": API_READ,
        "POST": ("read", UNAUTHENTICATED, FORBIDDEN, ALLOW, ALLOW, ALLOW, ALLOW),
    },
    "api/v1/vendors/": {
        **API_READS,
        "POST": ("edit_catalogue", UNAUTHENTICATED, FORBIDDEN, ALLOW, FORBIDDEN, FORBIDDEN, ALLOW),
    },
    "api/v1/vendors/<uuid:id>/": {
        **API_READS,
        "PATCH": ("edit_catalogue", UNAUTHENTICATED, FORBIDDEN, ALLOW, FORBIDDEN, FORBIDDEN, ALLOW),
    },
    "api/v1/vendors/<uuid:vendor_id>/offerings/": {
        **API_READS,
        "POST": ("edit_catalogue", UNAUTHENTICATED, FORBIDDEN, ALLOW, FORBIDDEN, FORBIDDEN, ALLOW),
    },
    "api/v1/vendors/<uuid:vendor_id>/contacts/": {
        **API_READS,
        "POST": ("edit_catalogue", UNAUTHENTICATED, FORBIDDEN, ALLOW, FORBIDDEN, FORBIDDEN, ALLOW),
    },
    # ---- API: questionnaires and assessments --------------------------------------------------
    # ---- API: webhooks (admins only, reads too: who receives our events is theirs to know) ---
    "api/v1/webhooks/": {
        **{m: WEBHOOKS for m in ("GET", "HEAD", "OPTIONS")},
        "POST": WEBHOOKS,
    },
    "api/v1/webhooks/<uuid:pk>/": {
        **{m: WEBHOOKS for m in ("GET", "HEAD", "OPTIONS")},
        "PATCH": WEBHOOKS,
    },
    "api/v1/webhooks/<uuid:pk>/deliveries/": {m: WEBHOOKS for m in ("GET", "HEAD", "OPTIONS")},
    "api/v1/webhooks/<uuid:pk>/deliveries/<uuid:delivery_id>/redeliver/": {
        "POST": WEBHOOKS,
        "OPTIONS": WEBHOOKS,
    },
    "api/v1/questionnaires/": API_READS,
    "api/v1/questionnaires/<int:pk>/": API_READS,
    "api/v1/assessments/": {
        **API_READS,
        "POST": (
            "start_assessment",
            UNAUTHENTICATED,
            FORBIDDEN,
            ALLOW,
            FORBIDDEN,
            FORBIDDEN,
            ALLOW,
        ),
    },
    "api/v1/assessments/<uuid:pk>/": API_READS,
    "api/v1/assessments/<uuid:pk>/answers/": API_READS,
    "api/v1/assessments/<uuid:pk>/answers/<str:question_key>/": {
        "OPTIONS": API_READ,
        "PUT": ("answer", UNAUTHENTICATED, FORBIDDEN, ALLOW, FORBIDDEN, FORBIDDEN, ALLOW),
        "PATCH": ("answer", UNAUTHENTICATED, FORBIDDEN, ALLOW, FORBIDDEN, FORBIDDEN, ALLOW),
    },
    "api/v1/assessments/<uuid:pk>/answers/batch/": {
        "OPTIONS": API_READ,
        "POST": ("answer", UNAUTHENTICATED, FORBIDDEN, ALLOW, FORBIDDEN, FORBIDDEN, ALLOW),
    },
    "api/v1/assessments/<uuid:pk>/evidence/": {
        "OPTIONS": API_READ,
        "POST": ("attach_evidence", UNAUTHENTICATED, FORBIDDEN, ALLOW, ALLOW, FORBIDDEN, ALLOW),
    },
    "api/v1/assessments/<uuid:pk>/submit/": {
        "OPTIONS": API_READ,
        "POST": ("submit", UNAUTHENTICATED, FORBIDDEN, ALLOW, FORBIDDEN, FORBIDDEN, ALLOW),
    },
    "api/v1/assessments/<uuid:pk>/scorecard/": API_READS,
    "api/v1/assessments/<uuid:pk>/history/": API_READS,
    # ---- API: vendor invitations ----------------------------------------------------------
    "api/v1/assessments/<uuid:pk>/invitations/": {
        **API_READS,
        "POST": ("invite_vendor", UNAUTHENTICATED, FORBIDDEN, ALLOW, FORBIDDEN, FORBIDDEN, ALLOW),
    },
    "api/v1/invitations/<uuid:pk>/revoke/": {
        "OPTIONS": API_READ,
        "POST": ("invite_vendor", UNAUTHENTICATED, FORBIDDEN, ALLOW, FORBIDDEN, FORBIDDEN, ALLOW),
    },
    "api/v1/invitations/<uuid:pk>/resend/": {
        "OPTIONS": API_READ,
        "POST": ("invite_vendor", UNAUTHENTICATED, FORBIDDEN, ALLOW, FORBIDDEN, FORBIDDEN, ALLOW),
    },
    "api/v1/invitations/<uuid:pk>/end-sessions/": {
        "OPTIONS": API_READ,
        "POST": ("invite_vendor", UNAUTHENTICATED, FORBIDDEN, ALLOW, FORBIDDEN, FORBIDDEN, ALLOW),
    },
    # ---- API: the review ----------------------------------------------------------------------
    "api/v1/assessments/<uuid:pk>/review/start/": {
        "OPTIONS": API_READ,
        "POST": ("start_review", UNAUTHENTICATED, FORBIDDEN, FORBIDDEN, ALLOW, FORBIDDEN, ALLOW),
    },
    "api/v1/assessments/<uuid:pk>/answers/<str:question_key>/evidence-level/": {
        "OPTIONS": API_READ,
        "POST": (
            "set_evidence_level",
            UNAUTHENTICATED,
            FORBIDDEN,
            FORBIDDEN,
            ALLOW,
            FORBIDDEN,
            ALLOW,
        ),
    },
    "api/v1/assessments/<uuid:pk>/answers/<str:question_key>/override/": {
        "OPTIONS": API_READ,
        "POST": ("override_score", UNAUTHENTICATED, FORBIDDEN, FORBIDDEN, ALLOW, FORBIDDEN, ALLOW),
    },
    "api/v1/assessments/<uuid:pk>/answers/<str:question_key>/comments/": {
        **API_READS,
        "POST": ("comment", UNAUTHENTICATED, FORBIDDEN, ALLOW, ALLOW, FORBIDDEN, ALLOW),
    },
    "api/v1/assessments/<uuid:pk>/findings/<str:question_key>/accept/": {
        "OPTIONS": API_READ,
        "POST": ("accept_risk", UNAUTHENTICATED, FORBIDDEN, FORBIDDEN, ALLOW, FORBIDDEN, ALLOW),
    },
    "api/v1/assessments/<uuid:pk>/conditions/": {
        **API_READS,
        "POST": ("add_condition", UNAUTHENTICATED, FORBIDDEN, FORBIDDEN, ALLOW, FORBIDDEN, ALLOW),
    },
    "api/v1/assessments/<uuid:pk>/conditions/<int:condition_id>/done/": {
        "OPTIONS": API_READ,
        "POST": (
            "complete_condition",
            UNAUTHENTICATED,
            FORBIDDEN,
            FORBIDDEN,
            ALLOW,
            FORBIDDEN,
            ALLOW,
        ),
    },
    "api/v1/assessments/<uuid:pk>/request-changes/": {
        "OPTIONS": API_READ,
        "POST": (
            "request_clarification",
            UNAUTHENTICATED,
            FORBIDDEN,
            FORBIDDEN,
            ALLOW,
            FORBIDDEN,
            ALLOW,
        ),
    },
    "api/v1/assessments/<uuid:pk>/decision/": {
        "OPTIONS": API_READ,
        "POST": ("decide", UNAUTHENTICATED, FORBIDDEN, FORBIDDEN, ALLOW, FORBIDDEN, ALLOW),
    },
    "api/v1/assessments/<uuid:pk>/answers/<str:question_key>/reviewed/": {
        "OPTIONS": API_READ,
        "POST": ("mark_reviewed", UNAUTHENTICATED, FORBIDDEN, FORBIDDEN, ALLOW, FORBIDDEN, ALLOW),
    },
    "api/v1/assessments/<uuid:pk>/domains/<str:domain_key>/reviewed/": {
        "OPTIONS": API_READ,
        "POST": ("mark_reviewed", UNAUTHENTICATED, FORBIDDEN, FORBIDDEN, ALLOW, FORBIDDEN, ALLOW),
    },
    "api/v1/assessments/<uuid:pk>/decision/withdraw/": {
        "OPTIONS": API_READ,
        "POST": (
            "withdraw_decision",
            UNAUTHENTICATED,
            FORBIDDEN,
            FORBIDDEN,
            ALLOW,
            FORBIDDEN,
            ALLOW,
        ),
    },
    "api/v1/assessments/<uuid:pk>/reassess/": {
        "OPTIONS": API_READ,
        "POST": ("reassess", UNAUTHENTICATED, FORBIDDEN, ALLOW, ALLOW, FORBIDDEN, ALLOW),
    },
    # ---- API: reports -------------------------------------------------------------------------
    "api/v1/assessments/<uuid:pk>/reports/": {
        "OPTIONS": API_READ,
        "POST": ("request_report", UNAUTHENTICATED, FORBIDDEN, ALLOW, ALLOW, ALLOW, ALLOW),
    },
    "api/v1/comparisons/": {
        "OPTIONS": API_READ,
        "POST": ("request_report", UNAUTHENTICATED, FORBIDDEN, ALLOW, ALLOW, ALLOW, ALLOW),
    },
    "api/v1/reports/<uuid:pk>/": API_READS,
    "api/v1/reports/<uuid:pk>/retry/": {
        "OPTIONS": API_READ,
        "POST": ("request_report", UNAUTHENTICATED, FORBIDDEN, ALLOW, ALLOW, ALLOW, ALLOW),
    },
    "api/v1/reports/<uuid:pk>/download/": API_READS,
}


def expected(route: str, method: str, principal: str) -> Outcome:
    return ROUTES[route][method][1 + PRINCIPALS.index(principal)]


def cases() -> list[tuple[str, str, str]]:
    """Every (route, method, principal) the matrix decides, in a stable order."""
    return [
        (route, method, principal)
        for route, methods in ROUTES.items()
        for method in methods
        for principal in PRINCIPALS
    ]
