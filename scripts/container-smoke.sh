#!/usr/bin/env bash
# Builds the production image and boots it as production runs it, on this machine, with no
# registry and no network inside the build: a private Docker engine (own socket, own data folder),
# a Debian base made here with debootstrap (cached by the hash of its recipe), the app image built
# from docker/Dockerfile with the locked wheels from docker/wheels, then release, web, worker,
# report-worker and beat containers (host networking) against this machine's PostgreSQL (a
# database of their own) and Redis (a db number of its own). Through the real API it signs in,
# answers and submits an assessment, decides it, renders a report and downloads the PDF; then it
# stops every container and checks each exit code. Called by .ci/run after the tests; by hand:
#     sudo scripts/container-smoke.sh
# Needs root (the engine). Prints the build time, the image size and the render's memory peak.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

CACHE=${SBD_CONTAINER_CACHE:-/var/cache/sbd-container}   # engine data (images, build cache)
MIRROR=${SBD_DEBIAN_MIRROR:-http://deb.debian.org/debian}
PG_URL=${SMOKE_POSTGRES:-postgres://root@127.0.0.1:5432}
SMOKE_DB=${SMOKE_DATABASE:-sbd_container_smoke}
REDIS_URL=${SMOKE_REDIS:-redis://127.0.0.1:6379/14}
IMAGE=sbd-diligence:smoke
PYTHON=${PYTHON:-$ROOT/.venv/bin/python}
[ -x "$PYTHON" ] || PYTHON=python3
# Debian's client matches Debian's engine and builds with BuildKit without a buildx plugin.
DOCKER_CLI=/usr/bin/docker
BASE_PACKAGES="python3 python3-venv python-is-python3 ca-certificates libpango-1.0-0 \
libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-inter fonts-noto-core fonts-noto-cjk"

started=$(date +%s)
say() { printf '[smoke %4ss] %s\n' "$(( $(date +%s) - started ))" "$*"; }
fail() { printf 'container smoke test FAILED: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || fail "needs root to run a container engine (sudo $0)."
missing=()
command -v dockerd >/dev/null 2>&1 && [ -x "$DOCKER_CLI" ] || missing+=(docker.io)
command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    >/dev/null || fail "could not install ${missing[*]} with apt-get."
fi

mkdir -p "$CACHE"
# One smoke test at a time per machine: the engine's data folder is shared between runs (cache).
exec 9>"$CACHE/lock"
flock -w 900 9 || fail "another container smoke test holds $CACHE/lock for over 15 minutes."

RUN_DIR=$(mktemp -d /tmp/sbd-smoke.XXXXXX)
chmod 700 "$RUN_DIR"
export DOCKER_HOST="unix://$RUN_DIR/docker.sock"
docker() { "$DOCKER_CLI" "$@"; }
CONTAINERS=(sbd-smoke-web sbd-smoke-worker sbd-smoke-report-worker sbd-smoke-beat)
DOCKERD_PID=""

cleanup() {
  local status=$?
  if [ -n "$DOCKERD_PID" ] && kill -0 "$DOCKERD_PID" 2>/dev/null; then
    if [ "$status" -ne 0 ]; then
      for name in "${CONTAINERS[@]}"; do
        docker logs --tail 30 "$name" >"$RUN_DIR/$name.log" 2>&1 || continue
        echo "--- last lines of $name ---" >&2; cat "$RUN_DIR/$name.log" >&2
      done
    fi
    docker rm -f "${CONTAINERS[@]}" >/dev/null 2>&1 || true
    docker volume rm -f sbd-smoke-media >/dev/null 2>&1 || true
    kill "$DOCKERD_PID" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$DOCKERD_PID" 2>/dev/null || break; sleep 1; done
    kill -9 "$DOCKERD_PID" 2>/dev/null || true
  fi
  dropdb --if-exists -h 127.0.0.1 -U root "$SMOKE_DB" 2>/dev/null || true
  # The engine leaves its network namespace mounted under its exec folder.
  for mounted in "$RUN_DIR"/exec/netns/*; do umount "$mounted" 2>/dev/null || true; done
  rm -rf "$RUN_DIR" 2>/dev/null || true
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- the engine ---------------------------------------------------------------------------------
# A leftover engine of an interrupted run would hold the data folder: stop it first.
if [ -f "$CACHE/dockerd.pid" ] && kill -0 "$(cat "$CACHE/dockerd.pid")" 2>/dev/null; then
  kill "$(cat "$CACHE/dockerd.pid")"; sleep 3
fi
dockerd --data-root "$CACHE/data" --exec-root "$RUN_DIR/exec" --pidfile "$CACHE/dockerd.pid" \
  --host "$DOCKER_HOST" --storage-driver overlay2 --iptables=false --ip6tables=false \
  --bridge none >"$RUN_DIR/dockerd.log" 2>&1 &
DOCKERD_PID=$!
for _ in $(seq 1 60); do
  docker version >/dev/null 2>&1 && break
  kill -0 "$DOCKERD_PID" 2>/dev/null || break
  sleep 0.5
done
docker version >/dev/null 2>&1 \
  || fail "the container engine did not start: $(grep -m1 -iE 'level=(fatal|error)' "$RUN_DIR/dockerd.log" || tail -n1 "$RUN_DIR/dockerd.log")"
say "engine up ($(docker version -f '{{.Server.Version}}'), data in $CACHE/data)"

# --- the base: Debian bookworm + Python 3.11 + WeasyPrint's libraries, made here ------------------
recipe="bookworm minbase $MIRROR $BASE_PACKAGES strip-v1"
BASE=local/sbd-python-base:$(printf '%s' "$recipe" | sha256sum | cut -c1-16)
if docker image inspect "$BASE" >/dev/null 2>&1; then
  say "base $BASE (cached)"
else
  say "making base $BASE with debootstrap from $MIRROR"
  rootfs="$CACHE/rootfs.$$"
  rm -rf "$rootfs"
  debootstrap --variant=minbase --include="$(echo $BASE_PACKAGES | tr ' ' ',')" bookworm \
    "$rootfs" "$MIRROR" >"$RUN_DIR/debootstrap.log" 2>&1 \
    || { tail -n5 "$RUN_DIR/debootstrap.log" >&2; fail "debootstrap could not make the base."; }
  # What a slim image leaves out: package caches and lists, documentation, translations.
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* \
    "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* \
    "$rootfs"/usr/share/locale/*
  tar -C "$rootfs" -c . | docker import --change 'ENV LANG=C.UTF-8' - "$BASE" >/dev/null
  rm -rf "$rootfs"
  say "base made: $(docker image inspect -f '{{.Size}}' "$BASE" | awk '{printf "%d MB", $1/1e6}')"
fi

# --- the wheelhouse: the locked runtime wheels, checked against their hashes ----------------------
make --no-print-directory wheels >"$RUN_DIR/pip.log" 2>&1 \
  || { grep -v 'is ignored' "$RUN_DIR/pip.log" | tail -n5 >&2; fail "pip could not fetch the locked wheels."; }
say "wheels ready ($(ls docker/wheels/*.whl | wc -l) in docker/wheels)"

# --- the app image: no network at all inside the build ----------------------------------------
build_started=$(date +%s)
# SMOKE_NO_CACHE=1 builds every layer anew (the cold build time DEPLOYMENT.md quotes).
DOCKER_BUILDKIT=1 docker build --quiet --network none ${SMOKE_NO_CACHE:+--no-cache} -f docker/Dockerfile \
  --build-arg PYTHON_IMAGE="$BASE" --build-arg WHEELS_ONLY=1 -t "$IMAGE" . \
  >"$RUN_DIR/build.log" 2>&1 || { tail -n25 "$RUN_DIR/build.log" >&2; fail "the image did not build."; }
BUILD_SECONDS=$(( $(date +%s) - build_started ))
IMAGE_MB=$(docker image inspect -f '{{.Size}}' "$IMAGE" | awk '{printf "%d", $1/1e6}')
say "image built in ${BUILD_SECONDS} s, ${IMAGE_MB} MB"
docker image prune --force >/dev/null   # the previous run's image, now untagged
docker builder prune --force --keep-storage 3GB >/dev/null 2>&1 || true

# --- what the containers get ------------------------------------------------------------------
PORT=$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
dropdb --if-exists -h 127.0.0.1 -U root "$SMOKE_DB" 2>/dev/null
createdb -h 127.0.0.1 -U root "$SMOKE_DB"
redis-cli -u "$REDIS_URL" flushdb >/dev/null
SMOKE_PASSWORD=$("$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(24))')
export SMOKE_PASSWORD
# Secrets as files (the *_FILE variants), never on a command line or in `docker inspect`.
mkdir -m 755 "$RUN_DIR/secrets"
"$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(60))' >"$RUN_DIR/secrets/django_secret_key"
echo "$PG_URL/$SMOKE_DB" >"$RUN_DIR/secrets/database_url"
echo "$REDIS_URL" >"$RUN_DIR/secrets/broker_url"
chmod 644 "$RUN_DIR"/secrets/*   # readable by the image's user (uid 10001)
cat >"$RUN_DIR/app.env" <<ENV
DJANGO_DEBUG=0
DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
DJANGO_SECURE_SSL_REDIRECT=0
DJANGO_SECURE_COOKIES=0
DJANGO_SECRET_KEY_FILE=/run/secrets/django_secret_key
DATABASE_URL_FILE=/run/secrets/database_url
CELERY_BROKER_URL_FILE=/run/secrets/broker_url
PORT=$PORT
WEB_CONCURRENCY=2
CELERY_CONCURRENCY=1
REPORT_CONCURRENCY=1
REPORTS_SWEEP_SECONDS=30
ENV
app() {  # docker run with what every app container shares
  docker run --network host --env-file "$RUN_DIR/app.env" \
    -v "$RUN_DIR/secrets:/run/secrets:ro" -v sbd-smoke-media:/app/var/media "$@"
}
# The smoke users' set-up is test tooling: mounted for this run, never part of the image.
SETUP="$ROOT/scripts/smoke_setup.py:/app/scripts/smoke_setup.py:ro"

# --- release, then the four long-running processes ----------------------------------------------
app --rm "$IMAGE" release >"$RUN_DIR/release.log" 2>&1 \
  || { tail -n20 "$RUN_DIR/release.log" >&2; fail "release (migrations) failed."; }
say "release: migrations applied"
app --rm -e SMOKE_PASSWORD -v "$SETUP" "$IMAGE" sh -c 'python manage.py load_questionnaire \
    assessments/questionnaires/sbd-v1.yaml assessments/questionnaires/sbd-v2.yaml \
    assessments/questionnaires/sbd-v3.yaml \
  && python scripts/smoke_setup.py' >"$RUN_DIR/setup.log" 2>&1 \
  || { tail -n20 "$RUN_DIR/setup.log" >&2; fail "loading the questionnaire or the users failed."; }
say "questionnaires and smoke users loaded"
for role in web worker report-worker beat; do
  app -d --name "sbd-smoke-$role" --health-interval 5s --health-timeout 20s \
    --health-start-period 90s "$IMAGE" "$role" >/dev/null
done

health() { docker inspect -f '{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}' "$1"; }
for _ in $(seq 1 90); do
  states=$(for c in "${CONTAINERS[@]}"; do health "$c"; done | sort -u | tr '\n' ' ')
  [ "$states" = "healthy " ] && break
  case "$states" in *unhealthy*) break ;; esac
  sleep 1
done
for c in "${CONTAINERS[@]}"; do
  [ "$(health "$c")" = healthy ] || fail "$c is $(health "$c"): $(docker inspect -f '{{range .State.Health.Log}}{{.Output}}{{end}}' "$c" | tail -n2)"
done
say "web, worker, report-worker and beat report healthy (each by its own check)"

# --- through the API: sign in, answer, submit, decide, render, download -------------------------
"$PYTHON" scripts/smoke_client.py --base-url "http://127.0.0.1:$PORT" --out "$RUN_DIR/report.pdf" \
  || fail "the API walk-through failed (above)."

# Each container's memory high-water mark (the compose file's mem_limit values are sized from
# these; the report worker's includes a render).
peak_mib() {
  local id f
  id=$(docker inspect -f '{{.Id}}' "$1")
  for f in "/sys/fs/cgroup/memory/docker/$id/memory.max_usage_in_bytes" \
           "/sys/fs/cgroup/system.slice/docker-$id.scope/memory.peak" \
           "/sys/fs/cgroup/docker/$id/memory.peak"; do
    [ -r "$f" ] && { awk '{printf "%d", $1/1048576}' "$f"; return; }
  done
  echo "?"
}
peaks=""
for c in "${CONTAINERS[@]}"; do peaks="$peaks ${c#sbd-smoke-}=$(peak_mib "$c")"; done
say "memory peaks (MiB):$peaks"

# --- stop as an orchestrator does: SIGTERM to process 1, then the exit codes ----------------------
stop_started=$(date +%s)
pids=()
for c in "${CONTAINERS[@]}"; do docker stop -t 60 "$c" >/dev/null & pids+=($!); done
for p in "${pids[@]}"; do wait "$p"; done
codes=""
for c in "${CONTAINERS[@]}"; do
  code=$(docker inspect -f '{{.State.ExitCode}}' "$c")
  codes="$codes ${c#sbd-smoke-}=$code"
  [ "$code" = 0 ] || { docker logs --tail 20 "$c" >&2; fail "$c exited with $code after SIGTERM."; }
done
say "stopped in $(( $(date +%s) - stop_started )) s, exit codes:$codes"
say "PASSED: image ${IMAGE_MB} MB, built in ${BUILD_SECONDS} s; whole smoke test $(( $(date +%s) - started )) s"
