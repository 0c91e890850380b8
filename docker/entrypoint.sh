#!/bin/sh
# The image's entry point. `web`, `worker`, `report-worker`, `beat` or `release` runs that line of
# /app/Procfile, the very command a plain host runs (the name is matched up to its colon, so
# `worker` never picks `report-worker`); anything else runs as given, e.g.
#     docker compose -f docker/compose.yaml run --rm web python manage.py createsuperuser
set -eu

if env | grep -q 'CHANGE_ME'; then
  echo "Refusing to start: the environment still holds CHANGE_ME placeholders from" \
       "docker/.env.example. Set real values in docker/.env (see DEPLOYMENT.md)." >&2
  exit 78
fi

if [ "$#" -eq 1 ]; then
  command=$(sed -n "s/^$1:[[:space:]]*//p" "${PROCFILE:-/app/Procfile}")
  if [ -n "$command" ]; then
    # A fresh, empty metrics directory per start (prometheus-client's multiprocess mode).
    if [ -n "${PROMETHEUS_MULTIPROC_DIR:-}" ]; then
      mkdir -p "$PROMETHEUS_MULTIPROC_DIR"
      find "$PROMETHEUS_MULTIPROC_DIR" -mindepth 1 -delete
    fi
    exec /bin/sh -c "exec $command"
  fi
fi
exec "$@"
