import socket

from celery import shared_task

from core.models import WorkerHeartbeat


@shared_task(name="core.worker_heartbeat")
def worker_heartbeat(token: str) -> None:
    WorkerHeartbeat.objects.get_or_create(token=token, defaults={"hostname": socket.gethostname()})
