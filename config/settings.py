"""Settings for every environment, read from environment variables.

With no variables at all the app runs embedded: SQLite and a filesystem Celery broker under var/.
Security settings default to the safe side; development conveniences need DJANGO_DEBUG=1.
"""

import json
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

from config.env import (
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_secret,
    env_str,
    env_validity,
    origin_of,
)
from config.secret_key import resolve_secret_key

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("APP_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DJANGO_DEBUG", False)
# Django's technical 404 page (every URL pattern listed) instead of the site's own, under DEBUG
# only:
# core/error_pages.py shows the friendly page otherwise.
DEBUG_PAGES = DEBUG and env_bool("DJANGO_DEBUG_PAGES", False)
SECRET_KEY = resolve_secret_key(
    configured=env_secret("DJANGO_SECRET_KEY"), debug=DEBUG, var_dir=VAR_DIR
)
# Rotating the key: the previous key(s), comma-separated, keep what was signed with them valid
# (sessions, CSRF, recovery codes) until they are removed from here after the longest lifetime.
SECRET_KEY_FALLBACKS = env_list("DJANGO_SECRET_KEY_FALLBACKS")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # Recovery codes (core/recovery_codes.py): its tokens hold keyed hashes, never the codes.
    "django_otp.plugins.otp_static",
    "core",
    "vendors",
    "assessments",
    "reports",
    "webhooks",
    "sso",
    "tiering",
    "interchange",
]

MIDDLEWARE = [
    "core.middleware.RequestIdMiddleware",
    "core.metrics.RequestMetricsMiddleware",
    # A view that cannot reach the database answers 503 + Retry-After, not a 500 traceback.
    "core.db_unavailable.DatabaseUnavailableMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # /healthz, /readyz, /metrics: answered here, before host validation and sessions.
    "core.health.ProbeMiddleware",
    # Every answer past the static files and probes: Cache-Control no-store (assessment data).
    "core.middleware.NoStoreMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Outside CommonMiddleware, so an APPEND_SLASH redirect still wins over a 404 page.
    "core.error_pages.FriendlyNotFoundMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.middleware.SessionLifetimeMiddleware",
    # Times print in the reader's zone: their chosen one, else their browser's (core/timezones.py).
    "core.timezones.TimeZoneMiddleware",
    # Marks the session verified once its second factor was given (request.user.is_verified());
    # SecondFactorMiddleware then holds back users who owe a code or, if required, a device.
    "django_otp.middleware.OTPMiddleware",
    "core.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.roles",
            ],
        },
    }
]

# --- Fail closed in production ----------------------------------------------------------------
# The embedded SQLite file and filesystem broker are for a laptop (`make run`, DJANGO_DEBUG=1) and
# the test suite (ALLOW_EMBEDDED_SERVICES=1). A production process missing DATABASE_URL or
# CELERY_BROKER_URL refuses to start instead of quietly writing to a file inside its container.
ALLOW_EMBEDDED_SERVICES = DEBUG or env_bool("ALLOW_EMBEDDED_SERVICES", False)
for _required in ("DATABASE_URL", "CELERY_BROKER_URL"):
    if not ALLOW_EMBEDDED_SERVICES and not env_secret(_required).strip():
        raise ImproperlyConfigured(
            f"{_required} is not set. With DJANGO_DEBUG off the app does not fall back to an "
            f"embedded {'SQLite database' if _required == 'DATABASE_URL' else 'filesystem broker'}"
            f": set {_required} or {_required}_FILE (DEPLOYMENT.md), or "
            "ALLOW_EMBEDDED_SERVICES=1 on a machine of your own."
        )

# --- Database -------------------------------------------------------------------------------
DATABASE_URL = env_secret("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}")
DATABASES = {
    # Health checks: a connection kept across requests is tested (SELECT 1) before each request
    # reuses it, so a database restart costs no failed request once the database is back.
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=env_bool("DB_CONN_HEALTH_CHECKS", True),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # The web process and the Celery worker share the file: wait for locks instead of failing,
        # and take the write lock at BEGIN so two writers never deadlock on a lock upgrade.
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # A file, not :memory:, so a real worker process started by the tests sees the test database.
    DATABASES["default"]["TEST"] = {
        "NAME": env_str("SQLITE_TEST_NAME", str(VAR_DIR / "test-db.sqlite3"))
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Server-side binding plus prepared statements: psycopg prepares a statement once a
    # connection has run it 5 times (the autosave path), so PostgreSQL parses and plans it once
    # per connection, not per request. Behind a transaction-pooling PgBouncer set
    # DB_PREPARE_THRESHOLD=0 to turn preparation off.
    _prepare = env_int("DB_PREPARE_THRESHOLD", 5)
    DATABASES["default"]["OPTIONS"] = {
        "server_side_binding": True,
        "prepare_threshold": _prepare if _prepare > 0 else None,
        # A database host that stops answering (rather than refusing) must not hold a request
        # until gunicorn's timeout: give up connecting after a few seconds and answer 503.
        "connect_timeout": env_int("DB_CONNECT_TIMEOUT", 5),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and sessions -------------------------------------------------------------------
# With a shared cache (Redis) sessions are read from it and written through to the database, so
# every request saves a database round trip; without one, plain database sessions are used: a
# per-process cache would let one worker keep serving a session another has ended.
CACHE_URL = env_secret("CACHE_URL")
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "TIMEOUT": 3600,
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# --- Auth -----------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # First: refuses sign-in attempts for a locked-out username + address before any check.
    "axes.backends.AxesStandaloneBackend",
    "core.auth_backend.RoleLoadingBackend",
]
LOGIN_URL = "login"
LOGIN_URL_PATH = "/accounts/login/"

# Brute force: lock a username from one address after 5 failures for 30 minutes. Attempts are
# counted in the database (not the cache), so a cache outage cannot switch the lockout off.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "core.client_ip.client_ip"
# Renders registration/locked_out.html with when the lockout ends and whom to ask (core/sign_in.py).
AXES_LOCKOUT_CALLABLE = "core.sign_in.lockout_response"
# Shown to a locked-out person: an e-mail address, a phone number or a help-desk URL.
SUPPORT_CONTACT = env_str("SUPPORT_CONTACT", "")
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
# How many reverse proxies of ours stand in front of the app (their X-Forwarded-For is trusted).
TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXY_COUNT", 0)

# Sessions end after 30 idle minutes and at most 12 hours after sign-in.
SESSION_IDLE_SECONDS = env_int("SESSION_IDLE_SECONDS", 30 * 60)
SESSION_ABSOLUTE_SECONDS = env_int("SESSION_ABSOLUTE_SECONDS", 12 * 3600)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_SECONDS
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

# Second factor (core/totp.py): architects and admins may add an authenticator app (TOTP); once
# they have, every sign-in asks for its code. With OTP_REQUIRED_FOR_REVIEWERS=1 they must add one
# before they can do anything else.
OTP_REQUIRED_FOR_REVIEWERS = env_bool("OTP_REQUIRED_FOR_REVIEWERS", False)
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "SecureByDesign due diligence")
# Wrong codes wait 1, 2, 4, 8 ... seconds before the next try (django-otp's throttling).
OTP_TOTP_THROTTLE_FACTOR = 1
# The admin may reset (delete) a user's device, never read its secret or QR code.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# --- Company sign-in: OpenID Connect (sso/) ---------------------------------------------------
# Off unless OIDC_ISSUER is set. The provider's groups (OIDC_ROLES_CLAIM) give the roles at every
# sign-in through OIDC_ROLE_MAP ("sec-architects=architect,procurement=procurement"); a group in
# no pair gives nothing. Checked when the app starts (sso/apps.py), each mistake named.
OIDC_ISSUER = env_str("OIDC_ISSUER", "").strip().rstrip("/")
OIDC_CLIENT_ID = env_str("OIDC_CLIENT_ID", "").strip()
OIDC_CLIENT_SECRET = env_secret("OIDC_CLIENT_SECRET", "")
OIDC_SCOPES = env_str("OIDC_SCOPES", "openid email profile").strip()
OIDC_PROVIDER_NAME = env_str("OIDC_PROVIDER_NAME", "your company account").strip()
OIDC_ROLES_CLAIM = env_str("OIDC_ROLES_CLAIM", "groups").strip()
OIDC_ROLE_MAP = env_str("OIDC_ROLE_MAP", "")
# The ID token's amr values (RFC 8176) or acr values that mean the provider asked for a second
# factor; then reviewers owe no authenticator-app code here.
OIDC_MFA_AMR = env_list("OIDC_MFA_AMR", ["mfa"])
OIDC_MFA_ACR = env_list("OIDC_MFA_ACR", [])
# How far the provider's clock may be off ours when exp/iat are checked.
OIDC_CLOCK_SKEW_SECONDS = env_int("OIDC_CLOCK_SKEW_SECONDS", 60)
OIDC_TIMEOUT_SECONDS = env_int("OIDC_TIMEOUT_SECONDS", 10)
# LOCAL_LOGIN=0: the username and password form is only for the break-glass accounts named here
# (for the day the identity provider is down); everyone else signs in with the provider.
LOCAL_LOGIN = env_bool("LOCAL_LOGIN", True)
LOCAL_LOGIN_BREAK_GLASS = env_list("LOCAL_LOGIN_BREAK_GLASS", [])

# --- I18N / static / media -------------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = env_str("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise serves it; `collectstatic` fills it
# Uploaded evidence and report artifacts live outside the web root and are only ever served
# through views that check access; there is deliberately no MEDIA_URL route.
MEDIA_ROOT = Path(env_str("APP_MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed names for far-future caching, once `collectstatic` has run (the image
    # sets DJANGO_STATIC_MANIFEST=1); without it tests and `make run` need no collectstatic.
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("DJANGO_STATIC_MANIFEST", False)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
    # Report PDFs; point at S3-compatible storage with REPORTS_STORAGE_BACKEND and options.
    "reports": {
        "BACKEND": env_str(
            "REPORTS_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"
        ),
        "OPTIONS": {"location": str(MEDIA_ROOT / "reports")}
        if not env_str("REPORTS_STORAGE_BACKEND")
        else json.loads(env_str("REPORTS_STORAGE_OPTIONS", "{}")),
    },
}

# --- Security -------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False  # the autosave script reads it to send X-CSRFToken
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
# Orchestrators probe and Prometheus scrapes over plain http inside the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", not DEBUG)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
if env_bool("DJANGO_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The largest request body read into memory (evidence files stream separately, below). 8 MB
# holds the API's largest documented body, a batch of 300 answers of 10,000 characters each in
# UTF-8 of up to two bytes a character; past it the answer is 413 with a sentence (core.views).
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("API_BODY_MAX_MB", 8) * 1024 * 1024
# The largest evidence file (assessments/evidence/types.py). Uploads stop being read once they
# pass it (core.uploads), so a 30 MB file is refused without being written anywhere.
EVIDENCE_MAX_BYTES = 20 * 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "core.uploads.SizeLimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# Content-Security-Policy: no inline script anywhere, no framing, nothing from other origins.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        # Signing out after a company sign-in posts to us and is redirected to the provider's
        # end-session page: browsers hold that redirect to form-action too.
        "form-action": ["'self'", *filter(None, [origin_of(OIDC_ISSUER)])],
        "frame-ancestors": ["'none'"],
    }
}

# --- E-mail (vendor invitations, sent from Celery tasks) --------------------------------------
# The console backend prints mails to the worker's log, so the embedded default needs no server;
# set EMAIL_HOST (and usually EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend) to send.
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "due-diligence@localhost")
# Links in e-mails are built from this, never from a request's Host header.
APP_BASE_URL = env_str("APP_BASE_URL", "http://127.0.0.1:8000")
# A vendor's invitation link works at least until the assessment's due date plus these days, so a
# vendor answering on the due date is never locked out (assessments/invitations/validity.py).
INVITATION_GRACE_DAYS = env_int("INVITATION_GRACE_DAYS", 7)
if not 0 <= INVITATION_GRACE_DAYS <= 90:
    raise ImproperlyConfigured("INVITATION_GRACE_DAYS must be 0 to 90 days.")

# --- Review -------------------------------------------------------------------------------
# How long an architect's evidence level stands when a reassessment carries it forward, for
# questionnaire versions whose scoring policy sets no evidence_validity_days of its own (a
# published version never changes, so older ones take this default).
EVIDENCE_VALIDITY_DAYS = env_validity(
    "EVIDENCE_VALIDITY_DAYS", "documented=365,attested=attestation_end,verified=365"
)

# --- Malware scanning of evidence (assessments/evidence/scanner.py) ----------------------------
# "clamd": every uploaded file is streamed to clamd before it is stored; infected files are
# refused, and a file that arrives while clamd cannot answer is kept as "pending_scan" (not
# downloadable) until the beat task re-scans it. "" (the embedded default): files are stored as
# "not_scanned", downloadable, and every page listing them says so.
EVIDENCE_SCANNER = env_choice("EVIDENCE_SCANNER", ("", "clamd"))
CLAMD_ADDRESS = env_str("CLAMD_ADDRESS", "unix:///run/clamav/clamd.ctl")  # or tcp://host:3310
CLAMD_TIMEOUT_SECONDS = env_int("CLAMD_TIMEOUT_SECONDS", 20)

# --- Celery ---------------------------------------------------------------------------------
BROKER_DIR = Path(env_str("CELERY_BROKER_DIR", str(VAR_DIR / "broker")))
CELERY_BROKER_URL = env_secret("CELERY_BROKER_URL", "filesystem://")
if CELERY_BROKER_URL.startswith("filesystem://"):
    for sub in ("queue", "processed", "control"):
        (BROKER_DIR / sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        # One folder for both directions: the web process and the worker share one queue.
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "processed_folder": str(BROKER_DIR / "processed"),
        "control_folder": str(BROKER_DIR / "control"),
        "store_processed": False,
    }
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        # Must exceed the longest task's hard time limit, or Redis redelivers running jobs.
        "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600),
        "socket_connect_timeout": 2,
        "socket_timeout": 5,
    }
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_ROUTES = {"reports.render": {"queue": "reports"}}
# Publishing must not hang a request when the broker is down: fail fast, the sweep re-sends.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
# Fault injection for the reliability tests only (see reports.services._injected_fault).
REPORTS_FAULT = env_str("REPORTS_FAULT")
# A running report untouched for this long is presumed lost with its worker and re-sent.
REPORTS_STALE_RUNNING_SECONDS = env_int("REPORTS_STALE_RUNNING_SECONDS", 600)
# One user cannot fill the report queue: at most this many of their jobs queued or rendering at
# once, and a failed report retried at most this often per hour (reports/limits.py).
REPORTS_QUEUED_PER_USER = env_int("REPORTS_QUEUED_PER_USER", 5)
REPORTS_RETRIES_PER_HOUR = env_int("REPORTS_RETRIES_PER_HOUR", 3)
CELERY_BEAT_SCHEDULE = {
    "sweep-reports": {
        "task": "reports.sweep",
        "schedule": float(env_int("REPORTS_SWEEP_SECONDS", 60)),
    },
    # Vendor reminders, once a day; a second run sends nothing twice (assessments.ReminderLog).
    "vendor-reminders": {
        "task": "assessments.send_reminders",
        "schedule": crontab(hour=env_int("VENDOR_REMINDERS_HOUR", 7), minute=0),
    },
    # Evidence stored while the malware scanner was down is scanned again until it has a verdict.
    "rescan-pending-evidence": {
        "task": "assessments.rescan_pending_evidence",
        "schedule": float(env_int("EVIDENCE_RESCAN_SECONDS", 300)),
    },
}

# --- Webhooks (webhooks/) ---------------------------------------------------------------------
# Each delivery is tried at once, then after these delays (seconds; about 22 hours in all), then
# given up; WEBHOOK_FAILURES_TO_DISABLE failed attempts in a row switch the endpoint off and tell
# the admins. The beat sweep sends what is due every WEBHOOK_SWEEP_SECONDS.
WEBHOOK_RETRY_DELAYS = (60, 300, 900, 3_600, 3 * 3_600, 6 * 3_600, 12 * 3_600)
WEBHOOK_FAILURES_TO_DISABLE = env_int("WEBHOOK_FAILURES_TO_DISABLE", 15)
WEBHOOK_TIMEOUT_SECONDS = env_int("WEBHOOK_TIMEOUT_SECONDS", 5)
WEBHOOK_SWEEP_SECONDS = env_int("WEBHOOK_SWEEP_SECONDS", 60)
# Plain http to loopback receivers, for tests and a developer's machine only: a production
# process refuses to start with it (webhooks/egress.py calls nothing internal otherwise).
WEBHOOKS_ALLOW_LOOPBACK = env_bool("WEBHOOKS_ALLOW_LOOPBACK", False)
if WEBHOOKS_ALLOW_LOOPBACK and not ALLOW_EMBEDDED_SERVICES:
    raise ImproperlyConfigured(
        "WEBHOOKS_ALLOW_LOOPBACK lets webhooks call this machine's own services: it is for tests "
        "and development only (DJANGO_DEBUG=1 or ALLOW_EMBEDDED_SERVICES=1)."
    )
CELERY_BEAT_SCHEDULE["sweep-webhooks"] = {
    "task": "webhooks.sweep",
    "schedule": float(WEBHOOK_SWEEP_SECONDS),
}
# Reassessments, expiring evidence documents and conditions due in 60, 30 and 0 days: one mail to
# the people concerned per threshold (tiering/due.py), every night at this hour.
DUE_NOTICES_HOUR = env_int("DUE_NOTICES_HOUR", 6)
CELERY_BEAT_SCHEDULE["due-notices"] = {
    "task": "tiering.send_due_notices",
    "schedule": crontab(hour=DUE_NOTICES_HOUR, minute=30),
}
# condition.due goes out once a condition's due date is this many days away or fewer, and
# condition.overdue the day after it; checked hourly, each sent once per due date.
WEBHOOK_CONDITION_DUE_DAYS = env_int("WEBHOOK_CONDITION_DUE_DAYS", 7)
CELERY_BEAT_SCHEDULE["condition-events"] = {
    "task": "assessments.emit_condition_events",
    "schedule": crontab(minute=5),
}

# --- Limits on what one caller can multiply (core/limits.py) ----------------------------------
EVIDENCE_PER_ANSWER = env_int("EVIDENCE_PER_ANSWER", 20)
COMMENTS_PER_ANSWER = env_int("COMMENTS_PER_ANSWER", 200)
CONDITIONS_PER_ASSESSMENT = env_int("CONDITIONS_PER_ASSESSMENT", 50)
# Failed confirmations of invitation links within 15 minutes (assessments/invitations/throttle.py).
INVITATION_FAILURES_PER_ADDRESS = env_int("INVITATION_FAILURES_PER_ADDRESS", 20)
INVITATION_FAILURES_PER_LINK = env_int("INVITATION_FAILURES_PER_LINK", 5)

# --- API tokens (core/tokens/) ----------------------------------------------------------------
# Named, hashed at rest, expiring: a new token works API_TOKEN_DEFAULT_DAYS unless its owner
# chooses otherwise, never more than API_TOKEN_MAX_DAYS; one person holds at most
# API_TOKEN_MAX_PER_USER working tokens.
API_TOKEN_DEFAULT_DAYS = env_int("API_TOKEN_DEFAULT_DAYS", 90)
API_TOKEN_MAX_DAYS = env_int("API_TOKEN_MAX_DAYS", 365)
API_TOKEN_MAX_PER_USER = env_int("API_TOKEN_MAX_PER_USER", 50)
if not 1 <= API_TOKEN_DEFAULT_DAYS <= API_TOKEN_MAX_DAYS <= 365:
    raise ImproperlyConfigured(
        "API_TOKEN_DEFAULT_DAYS must be at least 1 and at most API_TOKEN_MAX_DAYS, which must be "
        f"at most 365; got {API_TOKEN_DEFAULT_DAYS} and {API_TOKEN_MAX_DAYS}."
    )

# --- REST framework -------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: DRF answers anonymous requests with the first class's challenge, so API
        # clients get 401 + WWW-Authenticate instead of a bare 403.
        "core.tokens.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["core.permissions.ReadRole"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # JSON bodies that are too deep or not UTF-8 are a 400, never a 500 (core/api_parsers.py).
    "DEFAULT_PARSER_CLASSES": [
        "core.api_parsers.BoundedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    # JSON only: DRF's browsable API (HTML forms over every endpoint) is for development.
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        *(["rest_framework.renderers.BrowsableAPIRenderer"] if DEBUG else []),
    ],
    # Service errors (core.errors) map to 400/403/409/429 in one place, for every API view.
    "EXCEPTION_HANDLER": "core.api_errors.api_exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Secure-by-design due diligence API",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI's assets are served from the app itself, never from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Every error answer the shared layers give, on every operation (core/api_schema.py).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.api_schema.document_error_responses",
    ],
    "ENUM_NAME_OVERRIDES": {
        "AssessmentStatusEnum": "assessments.models.Assessment.Status",
        "QuestionnaireStatusEnum": "assessments.models.QuestionnaireVersion.Status",
    },
}

# --- Metrics (core/metrics.py) ---------------------------------------------------------------
# /metrics answers 404 unless the caller sends `Authorization: Bearer <METRICS_TOKEN>` or comes
# from one of METRICS_ALLOWED_IPS (addresses or networks, seen through core.client_ip).
METRICS_TOKEN = env_secret("METRICS_TOKEN")
METRICS_ALLOWED_IPS = env_list("METRICS_ALLOWED_IPS")

# --- Logging --------------------------------------------------------------------------------
# JSON lines (core/json_logging.py) unless debugging; LOG_FORMAT=plain|json overrides. Secrets
# and answer text are redacted before any handler sees a record.
LOG_FORMAT = env_str("LOG_FORMAT", "plain" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "core.logging.RequestIdFilter"},
        "redact": {"()": "core.json_logging.RedactingFilter"},
    },
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "core.json_logging.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id", "redact"],
            "formatter": "json" if LOG_FORMAT == "json" else "plain",
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint narrates every rendering step at INFO; only its warnings matter here.
    # Authlib logs the PKCE verifier and token requests at DEBUG: never below WARNING, so no
    # LOG_LEVEL can put a token in the logs.
    "loggers": {
        name: {"level": "WARNING"}
        for name in ("weasyprint", "fontTools", "authlib", "urllib3", "requests")
    },
}
