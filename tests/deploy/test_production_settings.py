"""The deployment switches in the settings: log format, static file storage, report storage
options. Each case runs in a fresh interpreter because settings are read once at import."""

import json
import os
import subprocess
import sys

from tests.deploy.conftest import ROOT

PROBE = (
    "import json, django; from django.conf import settings; django.setup(); "
    "print(json.dumps({'log_format': settings.LOG_FORMAT, "
    "'formatter': settings.LOGGING['handlers']['console']['formatter'], "
    "'static': settings.STORAGES['staticfiles']['BACKEND'], "
    "'reports': settings.STORAGES['reports'], 'metrics_ips': settings.METRICS_ALLOWED_IPS, "
    "'exempt': settings.SECURE_REDIRECT_EXEMPT, 'middleware': settings.MIDDLEWARE}))"
)


def _settings(tmp_path, **env: str) -> dict:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "LOG_", "REPORTS_", "METRICS_"))
    }
    clean.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "APP_VAR_DIR": str(tmp_path),
            "DJANGO_SECRET_KEY": "x" * 50,
            "LOG_LEVEL": "WARNING",
            **env,
        }
    )
    run = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout.splitlines()[-1])


def test_logs_are_json_unless_debugging_and_log_format_overrides_either(tmp_path):
    assert _settings(tmp_path)["formatter"] == "json"
    assert _settings(tmp_path, DJANGO_DEBUG="1")["formatter"] == "plain"
    assert _settings(tmp_path, LOG_FORMAT="plain")["formatter"] == "plain"
    assert _settings(tmp_path, DJANGO_DEBUG="1", LOG_FORMAT="json")["formatter"] == "json"


def test_hashed_static_files_only_when_asked_for(tmp_path):
    assert _settings(tmp_path)["static"] == "django.contrib.staticfiles.storage.StaticFilesStorage"
    assert (
        _settings(tmp_path, DJANGO_STATIC_MANIFEST="1")["static"]
        == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )


def test_whitenoise_and_the_probes_sit_right_after_the_security_middleware(tmp_path):
    middleware = _settings(tmp_path)["middleware"]
    security = middleware.index("django.middleware.security.SecurityMiddleware")
    assert middleware[security + 1 : security + 3] == [
        "whitenoise.middleware.WhiteNoiseMiddleware",
        "core.health.ProbeMiddleware",
    ]
    assert middleware.index("core.metrics.RequestMetricsMiddleware") < security


def test_report_storage_takes_its_options_as_json(tmp_path):
    values = _settings(
        tmp_path,
        REPORTS_STORAGE_BACKEND="storages.backends.s3.S3Storage",
        REPORTS_STORAGE_OPTIONS='{"bucket_name": "sbd-reports"}',
    )
    assert values["reports"] == {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {"bucket_name": "sbd-reports"},
    }


def test_probes_and_metrics_are_exempt_from_the_https_redirect(tmp_path):
    values = _settings(tmp_path, METRICS_ALLOWED_IPS="10.0.0.0/8, 192.0.2.7")
    assert values["exempt"] == [r"^healthz$", r"^readyz$", r"^metrics$"]
    assert values["metrics_ips"] == ["10.0.0.0/8", "192.0.2.7"]
