"""/metrics: Prometheus text for a caller holding METRICS_TOKEN or calling from an allowed
address, the same 404 as any unknown URL for everyone else, and never a 500 because Redis is
down. A worker's own endpoint follows the same rule."""

import urllib.error
import urllib.request

import pytest

from core import metrics
from tests.support.processes import RedisServer, free_port

pytestmark = pytest.mark.django_db

TOKEN = "metrics-token-0123456789-abcdefghij"
HISTOGRAMS = ("sbd_http_request_duration_seconds", "sbd_report_job_duration_seconds")


@pytest.fixture
def token(settings):
    settings.METRICS_TOKEN = TOKEN
    settings.METRICS_ALLOWED_IPS = []
    return TOKEN


def _get(client, **headers):
    return client.get("/metrics", **headers)


def test_without_a_configured_token_metrics_answer_404_to_everyone(client, settings, admin_user):
    settings.METRICS_TOKEN = ""
    settings.METRICS_ALLOWED_IPS = []
    assert _get(client).status_code == 404
    assert _get(client, HTTP_AUTHORIZATION="Bearer ").status_code == 404
    client.force_login(admin_user)  # no role opens it, not even admin
    assert _get(client).status_code == 404


def test_metrics_answer_404_without_the_token_and_with_a_wrong_one(client, token):
    unknown = client.get("/no-such-page")
    for headers in (
        {},
        {"HTTP_AUTHORIZATION": "Bearer wrong"},
        {"HTTP_AUTHORIZATION": f"Token {TOKEN}"},
        {"HTTP_AUTHORIZATION": f"Bearer {TOKEN}x"},
    ):
        response = _get(client, **headers)
        assert response.status_code == 404, headers
        # Indistinguishable from an unknown URL (the page names the address it did not find).
        assert response.content == unknown.content.replace(b"/no-such-page", b"/metrics")


def test_metrics_answer_the_token_holder_with_the_histograms(client, token):
    client.get("/healthz")  # at least one observed request
    response = _get(client, HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "no-store" in response["Cache-Control"]
    text = response.content.decode()
    for name in HISTOGRAMS:
        assert f"# TYPE {name} histogram" in text
    assert (
        'sbd_http_request_duration_seconds_bucket{le="0.005",method="GET",route="healthz"}' in text
    )
    assert "# TYPE sbd_report_jobs_total counter" in text


def test_an_allowed_address_needs_no_token_but_a_forged_forwarded_for_does_not_help(
    client, settings
):
    settings.METRICS_TOKEN = ""
    settings.METRICS_ALLOWED_IPS = ["10.0.0.0/8", "192.0.2.7"]
    settings.TRUSTED_PROXY_COUNT = 0
    assert _get(client, REMOTE_ADDR="10.20.30.40").status_code == 200
    assert _get(client, REMOTE_ADDR="192.0.2.7").status_code == 200
    assert _get(client, REMOTE_ADDR="192.0.2.8").status_code == 404
    assert (
        _get(client, REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="10.0.0.1").status_code == 404
    )
    settings.TRUSTED_PROXY_COUNT = 1  # behind our proxy, the address it saw counts
    assert (
        _get(client, REMOTE_ADDR="172.16.0.2", HTTP_X_FORWARDED_FOR="10.0.0.1").status_code == 200
    )


def test_metrics_still_answer_when_redis_is_down_and_show_queue_depth_when_it_is_up(
    client, token, settings
):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {TOKEN}"}
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{free_port()}/0"
    response = _get(client, **auth)
    assert response.status_code == 200
    assert b"sbd_celery_queue_length" not in response.content

    redis = RedisServer().start()
    try:
        settings.CELERY_BROKER_URL = redis.url
        text = _get(client, **auth).content.decode()
    finally:
        redis.stop()
    assert 'sbd_celery_queue_length{queue="default"} 0.0' in text
    assert 'sbd_celery_queue_length{queue="reports"} 0.0' in text


def test_a_workers_own_endpoint_follows_the_same_rule(token):
    port = free_port()
    server = metrics.start_worker_exporter(f"127.0.0.1:{port}")
    try:
        url = f"http://127.0.0.1:{port}/metrics"
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(url, timeout=5)
        assert refused.value.code == 404
        request = urllib.request.Request(url, headers={"Authorization": f"Bearer {TOKEN}"})
        with urllib.request.urlopen(request, timeout=5) as response:
            assert response.status == 200
            assert b"sbd_report_job_duration_seconds" in response.read()
    finally:
        server.shutdown()
        server.server_close()
