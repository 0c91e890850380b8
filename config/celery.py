import os

from celery import Celery
from celery.signals import worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("sbd")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Each Django app's tasks.py, and those of the feature packages inside `assessments`.
app.autodiscover_tasks()
app.autodiscover_tasks(
    ["assessments.invitations", "assessments.evidence", "assessments.conditions"]
)

# Worker and beat log like the web (JSON, request ids, redaction), and a task logs under the id
# of the request that enqueued it (core/json_logging.py).
from core.json_logging import connect_celery_signals  # noqa: E402

connect_celery_signals()

# Pool processes ignore a SIGTERM sent to the whole group or cgroup (systemd, supervisor) and
# stop when their main process says so, after its warm shutdown (core/worker_shutdown.py).
from core.worker_shutdown import connect_worker_shutdown  # noqa: E402

connect_worker_shutdown()


@worker_ready.connect
def _serve_worker_metrics(**kwargs) -> None:
    """With WORKER_METRICS_ADDRESS=host:port the worker serves its own /metrics."""
    from core.metrics import serve_worker_metrics_if_configured

    serve_worker_metrics_if_configured()
