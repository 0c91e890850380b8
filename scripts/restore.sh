#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh into the database and media directory named by the
# environment, then checks that every stored file the database refers to is back and unaltered.
# Stop the web and worker processes first; run with the release the backup was taken from.
#   DATABASE_URL=postgres://… APP_MEDIA_ROOT=/srv/sbd/media scripts/restore.sh /var/backups/sbd/sbd-<stamp>.dump
set -euo pipefail
dump=${1:?usage: restore.sh PATH/sbd-<stamp>.dump}
: "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL database to restore into}"
: "${APP_MEDIA_ROOT:?set APP_MEDIA_ROOT to the directory that is to hold evidence/ and reports/}"
python=${PYTHON:-python}
here=$(cd "$(dirname "$0")/.." && pwd)
dir=$(cd "$(dirname "$dump")" && pwd)
stamp=$(basename "$dump" .dump)
stamp=${stamp#sbd-}
media="$dir/sbd-media-$stamp.tar.gz"

# Refuse a damaged or incomplete backup before touching anything.
(cd "$dir" && sha256sum --check --quiet "sbd-$stamp.sha256")

# One transaction: a restore that fails half-way leaves the database as it was.
pg_restore --clean --if-exists --no-owner --no-acl --single-transaction \
  --dbname="$DATABASE_URL" "$dir/sbd-$stamp.dump"
mkdir -p "$APP_MEDIA_ROOT"
tar -C "$APP_MEDIA_ROOT" -xzf "$media"

cd "$here"
"$python" manage.py migrate --check >/dev/null \
  || { echo "The restored database needs migrations: run 'manage.py migrate' with this release." >&2; exit 1; }
"$python" manage.py verify_files
