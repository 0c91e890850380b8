"""Prometheus metrics: request latency, report jobs, queue depth — served at /metrics to a scraper
holding METRICS_TOKEN or calling from an address in METRICS_ALLOWED_IPS, and 404 to everyone else.

Several processes (gunicorn's workers, Celery's pool) each count their own requests and jobs;
with PROMETHEUS_MULTIPROC_DIR set, prometheus-client keeps the counts in files there and every
scrape adds them up. The directory must be empty when the process group starts (a tmpfs, or
emptied by the process manager), and is shared only by processes of one host: see DEPLOYMENT.md.
A worker on a host without a web process serves its own counts when WORKER_METRICS_ADDRESS is
set (start_worker_exporter), under the same access rule.
"""

import hmac
import ipaddress
import logging
import os
import threading
import time
from datetime import datetime

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram
from prometheus_client import REGISTRY as DEFAULT_REGISTRY
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.exposition import generate_latest
from prometheus_client.multiprocess import MultiProcessCollector

from core.client_ip import client_ip

logger = logging.getLogger(__name__)
request_logger = logging.getLogger("core.requests")

MULTIPROC_DIR = os.environ.get("PROMETHEUS_MULTIPROC_DIR", "")
if MULTIPROC_DIR:
    os.makedirs(MULTIPROC_DIR, exist_ok=True)

REQUEST_LATENCY = Histogram(
    "sbd_http_request_duration_seconds",
    "Time to answer an HTTP request, by route name and method.",
    ["route", "method"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
RESPONSES = Counter(
    "sbd_http_responses",
    "HTTP responses by route name, method and status class.",
    ["route", "method", "status"],
)
REPORT_JOBS = Counter(
    "sbd_report_jobs", "Report jobs finished, by outcome (done or failed).", ["outcome"]
)
REPORT_DURATION = Histogram(
    "sbd_report_job_duration_seconds",
    "Run time of the last attempt of a finished report job, by outcome.",
    ["outcome"],
    buckets=(1, 2, 5, 10, 20, 30, 60, 90, 120, 180, 300),
)

_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
# Answered by core.health.ProbeMiddleware before URL resolution.
PROBE_ROUTES = {"/healthz": "healthz", "/readyz": "readyz", "/metrics": "metrics"}
QUEUE_TIMEOUT = 1.0


# --- Requests ---------------------------------------------------------------------------------
def route_label(request) -> str:
    """The route's name, never the raw path: paths carry ids (and an invitation link's token),
    which would make one time series per object."""
    match = getattr(request, "resolver_match", None)
    if match is not None:
        return match.view_name or match.route or "unnamed"
    return PROBE_ROUTES.get(request.path_info, "unmatched")


class RequestMetricsMiddleware:
    """Times every request, counts its response, and writes one structured log line for it
    (probes at DEBUG, so they do not drown the log)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        elapsed = time.perf_counter() - started
        route = route_label(request)
        method = request.method if request.method in _METHODS else "other"
        try:
            REQUEST_LATENCY.labels(route, method).observe(elapsed)
            RESPONSES.labels(route, method, f"{response.status_code // 100}xx").inc()
        except Exception:  # a full metrics directory must not fail the request
            logger.warning("could not record request metrics", exc_info=True)
        level = logging.DEBUG if route in PROBE_ROUTES.values() else logging.INFO
        request_logger.log(
            level,
            "%s %s %s %.1f ms",
            method,
            route,
            response.status_code,
            elapsed * 1000,
            extra={
                "method": method,
                "route": route,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round(elapsed * 1000, 1),
            },
        )
        return response


# --- Report jobs (called from reports.services) ----------------------------------------------
def report_job_finished(
    *, outcome: str, started_at: datetime | None = None, count: int = 1
) -> None:
    """Count `count` finished jobs; observe the run time when the attempt's start is known."""
    if count <= 0:
        return
    try:
        REPORT_JOBS.labels(outcome).inc(count)
        if started_at is not None:
            seconds = (timezone.now() - started_at).total_seconds()
            REPORT_DURATION.labels(outcome).observe(max(seconds, 0.0))
    except Exception:
        logger.warning("could not record report metrics", exc_info=True)


# --- Queue depth, read at scrape time --------------------------------------------------------
def celery_queues() -> list[str]:
    routed = {route["queue"] for route in settings.CELERY_TASK_ROUTES.values() if "queue" in route}
    return sorted({settings.CELERY_TASK_DEFAULT_QUEUE, *routed})


class QueueDepthCollector:
    """Messages waiting in each Celery queue, read from Redis at scrape time. Omitted for other
    brokers and when Redis does not answer within a second: a scrape never fails for it."""

    def collect(self):
        url = settings.CELERY_BROKER_URL
        if not url.startswith(("redis://", "rediss://")):
            return
        try:
            lengths = _redis_queue_lengths(url, celery_queues())
        except Exception as exc:
            logger.warning("queue depth unavailable: %s", type(exc).__name__)
            return
        family = GaugeMetricFamily(
            "sbd_celery_queue_length",
            "Messages waiting in a Celery queue (Redis broker).",
            labels=["queue"],
        )
        for queue, length in lengths.items():
            family.add_metric([queue], length)
        yield family


def _redis_queue_lengths(url: str, queues: list[str]) -> dict[str, int]:
    import redis

    client = redis.Redis.from_url(
        url, socket_connect_timeout=QUEUE_TIMEOUT, socket_timeout=QUEUE_TIMEOUT
    )
    try:
        pipe = client.pipeline(transaction=False)
        # kombu keeps a queue's messages in one list per priority step: `name`, then
        # `name\x06\x163`, `…6`, `…9` (Celery's default steps).
        keys = {q: [q, *(f"{q}\x06\x16{p}" for p in (3, 6, 9))] for q in queues}
        for names in keys.values():
            for name in names:
                pipe.llen(name)
        results = iter(pipe.execute())
        return {q: sum(next(results) for _ in names) for q, names in keys.items()}
    finally:
        client.close()


# --- Exposition -------------------------------------------------------------------------------
class _DefaultRegistry:
    def collect(self):
        yield from DEFAULT_REGISTRY.collect()


def scrape() -> bytes:
    registry = CollectorRegistry()
    if MULTIPROC_DIR:
        MultiProcessCollector(registry, path=MULTIPROC_DIR)
    else:
        registry.register(_DefaultRegistry())
    registry.register(QueueDepthCollector())
    return generate_latest(registry)


def metrics_access_allowed(*, authorization: str, remote_ip: str) -> bool:
    """A bearer token equal to METRICS_TOKEN (compared in constant time), or an address inside
    METRICS_ALLOWED_IPS (addresses or networks). Neither configured: nobody."""
    token = getattr(settings, "METRICS_TOKEN", "")
    scheme, _, offered = authorization.partition(" ")
    if (
        token
        and scheme.lower() == "bearer"
        and hmac.compare_digest(offered.strip().encode(), token.encode())
    ):
        return True
    return _address_allowed(remote_ip, getattr(settings, "METRICS_ALLOWED_IPS", []))


def _address_allowed(remote_ip: str, allowed: list[str]) -> bool:
    try:
        address = ipaddress.ip_address(remote_ip)
    except ValueError:
        return False
    for entry in allowed:
        try:
            if address in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            logger.warning("METRICS_ALLOWED_IPS entry %r is not an address or network", entry)
    return False


@never_cache
def metrics(request):
    """404, like any unknown URL, unless the caller may read the metrics."""
    if not metrics_access_allowed(
        authorization=request.headers.get("Authorization", ""), remote_ip=client_ip(request)
    ):
        raise Http404
    return HttpResponse(scrape(), content_type=CONTENT_TYPE_LATEST)


# --- A worker's own endpoint ------------------------------------------------------------------
def worker_metrics_app(environ, start_response):
    """WSGI app for start_worker_exporter: the same access rule as /metrics (no proxy in front
    of a worker, so the peer address is the client's)."""
    allowed = metrics_access_allowed(
        authorization=environ.get("HTTP_AUTHORIZATION", ""),
        remote_ip=environ.get("REMOTE_ADDR", ""),
    )
    if environ.get("PATH_INFO") != "/metrics" or not allowed:
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"Not Found"]
    body = scrape()
    start_response("200 OK", [("Content-Type", CONTENT_TYPE_LATEST), ("Cache-Control", "no-store")])
    return [body]


def start_worker_exporter(address: str):
    """Serve worker_metrics_app on `host:port` from a daemon thread; returns the server."""
    from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

    class _QuietHandler(WSGIRequestHandler):
        def log_message(self, *args) -> None:  # scrapes every 15 s would flood the log
            pass

    host, _, port = address.rpartition(":")
    server = make_server(
        host or "127.0.0.1",
        int(port),
        worker_metrics_app,
        server_class=WSGIServer,
        handler_class=_QuietHandler,
    )
    threading.Thread(target=server.serve_forever, name="metrics-exporter", daemon=True).start()
    logger.info("worker metrics served on %s/metrics", address)
    return server


def serve_worker_metrics_if_configured() -> None:
    """Called when a Celery worker is ready (config/celery.py)."""
    address = os.environ.get("WORKER_METRICS_ADDRESS", "")
    if not address:
        return
    if not MULTIPROC_DIR:
        logger.warning(
            "WORKER_METRICS_ADDRESS without PROMETHEUS_MULTIPROC_DIR: the pool's "
            "processes count jobs that this endpoint cannot see"
        )
    start_worker_exporter(address)
