import uuid

import pytest

from core.models import WorkerHeartbeat
from core.tasks import worker_heartbeat
from tests.support.worker import WorkerProcess, wait_for


@pytest.fixture
def worker(transactional_db, tmp_path):
    process = WorkerProcess(tmp_path / "worker.log").start()
    yield process
    process.stop()


@pytest.mark.worker
def test_a_task_round_trips_through_a_real_worker_on_the_configured_broker(worker, settings):
    assert settings.CELERY_TASK_ALWAYS_EAGER is False
    token = uuid.uuid4().hex
    worker_heartbeat.delay(token)
    arrived = wait_for(lambda: WorkerHeartbeat.objects.filter(token=token).exists(), timeout=30)
    assert arrived, f"the worker never ran the task; its log:\n{worker.log()}"
    assert "core.worker_heartbeat[" in worker.log()
