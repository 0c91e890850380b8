"""docker/: the compose file, the image and its entry point say what DEPLOYMENT.md promises.
No Docker engine is needed; `docker compose config` runs too where the compose client exists."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from core.metrics import celery_queues
from tests.deploy.conftest import ROOT, procfile

DOCKER = ROOT / "docker"
APP_SERVICES = {"web": "web", "worker": "worker", "report-worker": "report-worker", "beat": "beat"}
# Read by the settings for tests and the embedded development mode only.
NOT_FOR_PRODUCTION = {
    "REPORTS_FAULT",
    "SQLITE_TEST_NAME",
    "CELERY_TASK_ALWAYS_EAGER",
    "CELERY_BROKER_DIR",
    "WEBHOOKS_ALLOW_LOOPBACK",
}


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((DOCKER / "compose.yaml").read_text())


def _example_variables() -> dict[str, str]:
    pairs = re.findall(
        r"^#?\s*([A-Z][A-Z0-9_]+)=(.*)$", (DOCKER / ".env.example").read_text(), re.MULTILINE
    )
    return dict(pairs)


def test_compose_has_every_service_and_each_long_running_one_a_health_check(compose):
    services = compose["services"]
    assert set(services) == {
        "migrate",
        *APP_SERVICES,
        "postgres",
        "redis",
        "redis-cache",
        "clamd",
    }
    # The scanner is opt-in and nothing waits for it (uploads wait as pending_scan instead).
    assert services["clamd"]["profiles"] == ["scanning"]
    assert not any("clamd" in s.get("depends_on", {}) for s in services.values())
    for name, service in services.items():
        if name == "migrate":
            assert service["healthcheck"] == {"disable": True}
            assert service["restart"] == "no"
        else:
            assert service["healthcheck"]["test"], name


def test_app_services_run_procfile_lines_after_the_migration_and_healthy_backends(compose):
    lines = procfile()
    assert compose["services"]["migrate"]["command"] == ["release"]
    for name, kind in APP_SERVICES.items():
        service = compose["services"][name]
        assert service["command"] == [kind] and kind in lines
        assert service["depends_on"] == {
            "postgres": {"condition": "service_healthy"},
            "redis": {"condition": "service_healthy"},
            "redis-cache": {"condition": "service_healthy"},
            "migrate": {"condition": "service_completed_successfully"},
        }
        assert service["env_file"] == "${SBD_ENV_FILE:-.env}"
        assert "media:/app/var/media" in service["volumes"]
        # Each role is checked by the image's own script, which probes that very process.
        assert service["healthcheck"]["test"] == ["CMD", "/app/docker/healthcheck.sh"]


def test_secrets_reach_each_service_as_files_and_only_those_it_needs(compose):
    services = compose["services"]
    app_secrets = {"django_secret_key", "database_url", "broker_url", "cache_url"}
    for name in ("migrate", *APP_SERVICES):
        service = services[name]
        assert set(service["secrets"]) == app_secrets, name
        for variable in ("DJANGO_SECRET_KEY", "DATABASE_URL", "CELERY_BROKER_URL", "CACHE_URL"):
            assert service["environment"][f"{variable}_FILE"].startswith("/run/secrets/"), name
    assert services["postgres"]["secrets"] == ["postgres_password"]
    assert services["redis"]["secrets"] == ["broker_password"]
    assert services["redis-cache"]["secrets"] == ["cache_password"]
    # The backing services get none of the app's settings (no env file at all).
    for name in ("postgres", "redis", "redis-cache"):
        assert "env_file" not in services[name], name
    assert services["postgres"]["environment"]["POSTGRES_PASSWORD_FILE"] == (
        "/run/secrets/postgres_password"
    )
    # No password on a command line: redis reads a config file, redis-cli gets REDISCLI_AUTH.
    for name in ("redis", "redis-cache"):
        command = " ".join(services[name]["command"])
        check = " ".join(services[name]["healthcheck"]["test"])
        assert "--requirepass" not in command and "redis-server /tmp/redis.conf" in command
        assert " -a " not in check and "REDISCLI_AUTH=" in check
    declared = {name: spec["file"] for name, spec in compose["secrets"].items()}
    assert declared == {name: f"./secrets/{name}" for name in declared}
    made = (DOCKER / "make-secrets.sh").read_text()
    assert all(f"keep_or_write {name} " in made for name in declared)


def test_broker_and_cache_are_separate_redis_instances_with_their_own_eviction(compose):
    broker = " ".join(compose["services"]["redis"]["command"])
    cache = " ".join(compose["services"]["redis-cache"]["command"])
    assert "--maxmemory-policy noeviction" in broker and "--appendonly yes" in broker
    assert "--maxmemory-policy allkeys-lru" in cache and "--appendonly no" in cache
    assert "@redis:6379" in (DOCKER / "make-secrets.sh").read_text()
    assert "@redis-cache:6379" in (DOCKER / "make-secrets.sh").read_text()


def test_every_service_rotates_its_logs_and_has_a_memory_limit(compose):
    for name, service in compose["services"].items():
        assert service["logging"]["driver"] == "json-file", name
        assert service["logging"]["options"]["max-size"] == "10m", name
        assert re.fullmatch(r"\d+[mg]", service["mem_limit"]), name
    # The report worker holds two renders of up to ~280 MB each besides itself.
    assert compose["services"]["report-worker"]["mem_limit"] == "1g"


def test_build_arguments_and_the_port_are_passed_through(compose):
    build = compose["services"]["web"]["build"]
    assert set(build["args"]) == {"PYTHON_IMAGE", "EXTRA_REQUIREMENTS", "WHEELS_ONLY"}
    web = compose["services"]["web"]
    assert web["environment"]["PORT"] == "${PORT:-8000}"
    assert web["ports"] == ["${SBD_HTTP_BIND:-127.0.0.1}:${SBD_HTTP_PORT:-8000}:${PORT:-8000}"]
    assert "${PORT:-8000}" in procfile()["web"]


def _queues(service: dict) -> str:
    """The queues the service's Procfile line consumes, with its environment substituted."""
    command = procfile()[service["command"][0]]
    value = re.search(r"--queues (\S+)", command)[1]
    return re.sub(
        r"\$\{([A-Z_]+):-([^}]*)\}",
        lambda m: str(service.get("environment", {}).get(m[1], m[2])),
        value,
    )


def test_reports_have_their_own_workers_and_every_queue_is_consumed(compose):
    queues = {name: _queues(compose["services"][name]) for name in ("worker", "report-worker")}
    assert queues == {"worker": "default", "report-worker": "reports"}
    # Pinned: an env file from an older example sets CELERY_QUEUES=default,reports.
    assert compose["services"]["worker"]["environment"]["CELERY_QUEUES"] == "default"
    assert set(celery_queues()) == set(queues.values())
    # Warm shutdown lets a render in flight finish: longer than a render may take.
    from reports.tasks import HARD_LIMIT

    grace = compose["services"]["report-worker"]["stop_grace_period"]
    assert int(grace.rstrip("s")) > HARD_LIMIT


def test_redis_keeps_an_append_only_file_and_postgres_a_named_volume(compose):
    redis, postgres = compose["services"]["redis"], compose["services"]["postgres"]
    assert "--appendonly yes" in " ".join(redis["command"])
    assert "redis-data:/data" in redis["volumes"]
    assert "postgres-data:/var/lib/postgresql/data" in postgres["volumes"]
    assert {"media", "postgres-data", "redis-data"} <= set(compose["volumes"])


def test_the_example_env_file_names_every_production_setting():
    settings_source = (ROOT / "config" / "settings.py").read_text()
    read = set(
        re.findall(r'env_(?:str|secret|bool|int|list|choice)\(\s*"([A-Z0-9_]+)"', settings_source)
    )
    example = _example_variables()
    missing = sorted(read - NOT_FOR_PRODUCTION - set(example))
    assert not missing, f"add to docker/.env.example (and DEPLOYMENT.md): {missing}"
    deployment = (ROOT / "DEPLOYMENT.md").read_text()
    undocumented = sorted(
        v for v in (read - NOT_FOR_PRODUCTION) | set(example) if f"`{v}`" not in deployment
    )
    assert not undocumented, f"describe in DEPLOYMENT.md: {undocumented}"


def test_the_example_env_file_holds_no_secret():
    example = _example_variables()
    # The connection secrets come from docker/secrets/ as *_FILE: the example leaves them empty.
    for name in ("DJANGO_SECRET_KEY", "DATABASE_URL", "CELERY_BROKER_URL", "CACHE_URL"):
        assert example[name] == "", name
    assert not {"POSTGRES_PASSWORD", "REDIS_PASSWORD"} & set(example)
    for name in ("METRICS_TOKEN", "EMAIL_HOST_PASSWORD"):
        assert "CHANGE_ME" in example[name], name
    assert example["DJANGO_DEBUG"] == "0"
    ignored = (DOCKER / ".gitignore").read_text().splitlines()
    assert ignored[-1] == ".env" and "secrets/" in ignored


def _stages() -> dict[str, str]:
    dockerfile = (DOCKER / "Dockerfile").read_text()
    stages = re.split(r"^FROM ", dockerfile, flags=re.MULTILINE)[1:]
    return {re.match(r"\S+ AS (\S+)", stage)[1]: stage for stage in stages}


def test_the_image_builds_without_a_registry_or_a_compiler_from_the_locked_wheels():
    dockerfile = (DOCKER / "Dockerfile").read_text()
    # A `# syntax=` line would make BuildKit fetch its front end from a registry.
    assert not re.search(r"^#\s*syntax\s*=", dockerfile, re.IGNORECASE | re.MULTILINE)
    assert "ARG PYTHON_IMAGE=python:3.11-slim-bookworm" in dockerfile
    stages = _stages()
    assert list(stages) == ["builder", "app", "runtime"]
    builder = stages["builder"]
    for flag in ("--require-hashes", "--only-binary=:all:", "requirements/runtime.txt"):
        assert flag in builder, flag
    assert 'if [ "$WHEELS_ONLY" = 1 ]; then index="--no-index"' in builder
    for tool in ("build-essential", "gcc", "apt-get"):
        assert tool not in builder, tool
    # No pip (nor setuptools) in the venv the runtime gets.
    assert "pip uninstall --yes --quiet pip setuptools" in builder


def test_the_runtime_stage_is_slim_non_root_and_collected_once():
    stages = _stages()
    runtime = stages["runtime"]
    for tool in ("build-essential", "gcc", "-dev ", "pip install", "collectstatic"):
        assert tool not in runtime, tool
    for package in (
        "libpango-1.0-0",
        "libpangoft2-1.0-0",
        "libharfbuzz-subset0",
        "fonts-dejavu-core",
        "fonts-inter",
    ):
        assert package in runtime
    # Static files are collected once, in the `app` stage, and copied with the code.
    assert "collectstatic --noinput" in stages["app"]
    assert "DJANGO_STATIC_MANIFEST=1" in stages["app"] and "DJANGO_STATIC_MANIFEST=1" in runtime
    assert "rm -rf /src/docker/wheels" in stages["app"]
    assert "COPY --from=app /src /app" in runtime and "COPY . " not in runtime
    assert re.search(r"^USER app$", runtime, re.MULTILINE)
    assert 'CMD ["/app/docker/healthcheck.sh"]' in runtime
    assert 'ENTRYPOINT ["/app/docker/entrypoint.sh"]' in runtime


def test_the_root_dockerignore_keeps_the_repository_and_secrets_out():
    ignored = (ROOT / ".dockerignore").read_text().splitlines()
    for entry in (".git", "tests", "bench", ".ci", "var", ".env", "**/.env", "docker/secrets"):
        assert entry in ignored, entry
    assert not (DOCKER / "Dockerfile.dockerignore").exists()
    # The wheelhouse is part of the context (the offline build reads it).
    assert not any(line.startswith("docker/wheels") for line in ignored)


def _entrypoint(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    (tmp_path / "Procfile").write_text("web: echo serving on ${PORT:-8000}\n")
    return subprocess.run(
        ["/bin/sh", str(DOCKER / "entrypoint.sh"), *args],
        cwd=tmp_path,
        env={"PATH": os.environ["PATH"], "PROCFILE": str(tmp_path / "Procfile"), **env},
        capture_output=True,
        text=True,
        timeout=30,
    )


def test_the_entry_point_runs_the_procfile_line_or_the_command_given(tmp_path):
    assert _entrypoint(tmp_path, "web", PORT="9000").stdout == "serving on 9000\n"
    assert _entrypoint(tmp_path, "echo", "a", "command").stdout == "a command\n"


def test_the_entry_point_refuses_placeholders_left_from_the_example(tmp_path):
    run = _entrypoint(tmp_path, "web", DJANGO_SECRET_KEY="CHANGE_ME_50_random")
    assert run.returncode == 78
    assert "CHANGE_ME" in run.stderr and run.stdout == ""


def test_the_entry_point_empties_the_metrics_directory(tmp_path):
    metrics = tmp_path / "metrics"
    metrics.mkdir()
    (metrics / "counter_123.db").write_text("stale")
    _entrypoint(tmp_path, "web", PROMETHEUS_MULTIPROC_DIR=str(metrics))
    assert list(metrics.iterdir()) == []


def _compose_client() -> list[str] | None:
    """Docker's compose plugin, or Debian's docker-compose 1.29 (scripts/install-system-deps.sh
    installs it): either validates the file without an engine."""
    if (
        shutil.which("docker")
        and subprocess.run(
            ["docker", "compose", "version"], capture_output=True, check=False
        ).returncode
        == 0
    ):
        return ["docker", "compose"]
    return ["docker-compose"] if shutil.which("docker-compose") else None


@pytest.mark.skipif(_compose_client() is None, reason="no compose client on this machine")
def test_a_compose_client_validates_the_file_and_names_the_project():
    run = subprocess.run(
        [*_compose_client(), "-f", str(DOCKER / "compose.yaml"), "config"],
        env={**os.environ, "SBD_ENV_FILE": ".env.example"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    rendered = yaml.safe_load(run.stdout)
    assert set(APP_SERVICES) <= set(rendered["services"])
    # The image and the project are named from the example settings, not the directory.
    assert rendered["services"]["web"]["environment"]["COMPOSE_PROJECT_NAME"] == "sbd-diligence"
