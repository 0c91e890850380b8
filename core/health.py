"""Health endpoints for load balancers and orchestrators.

/healthz  the process is alive and answers; touches nothing else (restart me if this fails).
/readyz   the database answers, every migration is applied, the broker accepts connections
          (send me traffic only if this succeeds); `uses` names the kind of database and broker
          (postgresql or sqlite, redis or filesystem).

Both answer JSON {"status": ..., "checks": {...}} with 200 or 503, are never cached, and name
no host, URL or error text: the reason for a failure goes to the log.
"""

import logging

from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from core.metrics import metrics

logger = logging.getLogger(__name__)

OK, UNAVAILABLE, PENDING, SKIPPED = "ok", "unavailable", "pending", "skipped"
BROKER_TIMEOUT = 2.0

# Once every migration is applied, this process's code cannot gain new ones: skip the check.
_migrated = False


def _answer(checks: dict[str, str], **extra) -> JsonResponse:
    healthy = all(value == OK for value in checks.values())
    response = JsonResponse(
        {"status": OK if healthy else UNAVAILABLE, "checks": checks, **extra},
        status=200 if healthy else 503,
    )
    # The failing check was logged with its reason; probes every few seconds during an outage
    # must not add an ERROR "Service Unavailable" line each (django.request).
    response._has_been_logged = True
    return response


@never_cache
def healthz(request):
    return _answer({"process": OK})


@never_cache
def readyz(request):
    database = check_database()
    return _answer(
        {
            "database": database,
            "migrations": check_migrations() if database == OK else SKIPPED,
            "broker": check_broker(),
        },
        uses=services_in_use(),
    )


def services_in_use() -> dict[str, str]:
    """Which kind of database and broker this process really talks to (never a host or URL): an
    operator sees at once a container that fell back to an embedded SQLite file or broker."""
    broker = settings.CELERY_BROKER_URL.split("://", 1)[0] or "unknown"
    return {"database": connection.vendor, "broker": "redis" if broker == "rediss" else broker}


def check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        logger.warning("readiness: database unavailable: %s", exc)
        connection.close()  # a broken connection must not be reused by the next request
        return UNAVAILABLE
    return OK


def check_migrations() -> str:
    global _migrated
    if _migrated:
        return OK
    try:
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception as exc:
        logger.warning("readiness: migrations could not be read: %s", exc)
        return UNAVAILABLE
    if plan:
        logger.warning("readiness: %d migrations not applied", len(plan))
        return PENDING
    _migrated = True
    return OK


def check_broker() -> str:
    """Opens (and closes) one broker connection with a short timeout, whatever the transport."""
    from kombu import Connection

    try:
        with Connection(
            settings.CELERY_BROKER_URL,
            transport_options=settings.CELERY_BROKER_TRANSPORT_OPTIONS,
            connect_timeout=BROKER_TIMEOUT,
        ) as broker:
            broker.ensure_connection(
                max_retries=1, interval_start=0, interval_step=0, timeout=BROKER_TIMEOUT
            )
    except Exception as exc:
        logger.warning("readiness: broker unavailable: %s", exc)
        return UNAVAILABLE
    return OK


PROBES = {"/healthz": healthz, "/readyz": readyz, "/metrics": metrics}


class ProbeMiddleware:
    """Answers the probes and the metrics scrape right after SecurityMiddleware, before the rest
    of the stack: an orchestrator or Prometheus calls the pod's address, which is not in
    ALLOWED_HOSTS (CommonMiddleware would answer 400), carries no session (nothing to load or
    expire, so /healthz never touches the database), and needs no CSRF token. Nothing here
    builds a URL from the Host header, which is what host validation protects.
    SECURE_REDIRECT_EXEMPT lets the same paths answer over the orchestrator's plain http."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        view = PROBES.get(request.path_info)
        if view is None:
            return self.get_response(request)
        return view(request)
