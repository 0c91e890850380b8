#!/bin/sh
# The image's one health check, for every role. It asks what this container runs (process 1,
# which docker/entrypoint.sh replaces with the Procfile command) and checks that very process:
#   gunicorn      -> the web's own /healthz on $PORT
#   celery worker -> a ping through the broker to this worker's own node name
#   celery beat   -> its schedule file was written in the last 10 minutes (beat rewrites it
#                    every few minutes while it runs)
# Anything else (release, a one-off manage.py command) has nothing to probe and counts as healthy.
set -eu
# The process to look at: process 1 (tests point HEALTHCHECK_PROCESS_CMDLINE at a file).
command=$(tr '\0' ' ' < "${HEALTHCHECK_PROCESS_CMDLINE:-/proc/1/cmdline}")

case "$command" in
  *gunicorn*)
    exec python - <<PY
import os, sys, urllib.request
try:
    urllib.request.urlopen(f"http://127.0.0.1:{os.environ.get('PORT', '8000')}/healthz", timeout=4)
except Exception as error:
    sys.exit(f"web: /healthz did not answer: {error}")
PY
    ;;
  *celery*" worker"*)
    # The node name as the worker was started: --hostname NAME@%h, or celery@<host name>.
    node=$(printf '%s\n' "$command" | sed -n 's/.*--hostname[ =]\([^ ]*\).*/\1/p')
    node=${node:-celery@%h}
    host=$(hostname)
    node=$(printf '%s' "$node" | sed "s/%h/$host/g")
    exec celery -A config inspect ping --destination "$node" --timeout 10 >/dev/null
    ;;
  *celery*" beat"*)
    schedule=$(printf '%s\n' "$command" | sed -n 's/.*--schedule[ =]\([^ ]*\).*/\1/p')
    schedule=${schedule:-celerybeat-schedule}
    case "$schedule" in /*) ;; *) schedule="/app/$schedule" ;; esac
    exec python - "$schedule" <<'PY'
import glob, os, sys, time
files = glob.glob(sys.argv[1] + "*")
if not files:
    sys.exit(f"beat: no schedule file at {sys.argv[1]}")
age = time.time() - max(map(os.path.getmtime, files))
if age > 600:
    sys.exit(f"beat: schedule file untouched for {age:.0f} s")
PY
    ;;
  *)
    exit 0
    ;;
esac
