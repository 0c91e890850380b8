#!/usr/bin/env bash
# Backs up a plain-host installation: the PostgreSQL database, then the stored files (evidence and
# report PDFs), with a checksum list. DEPLOYMENT.md ("Backups and restore") covers compose and S3.
#   DATABASE_URL=postgres://… APP_MEDIA_ROOT=/srv/sbd/media scripts/backup.sh /var/backups/sbd
# Prints the path of the dump, which is what scripts/restore.sh takes.
set -euo pipefail
dest=${1:?usage: backup.sh DESTINATION_DIRECTORY}
: "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL database to back up}"
: "${APP_MEDIA_ROOT:?set APP_MEDIA_ROOT to the directory that holds evidence/ and reports/}"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$dest"
cd "$dest"
dump="sbd-$stamp.dump"
media="sbd-media-$stamp.tar.gz"

# Written under a temporary name and moved into place: a half-written backup never looks complete.
pg_dump --format=custom --no-owner --no-acl --dbname="$DATABASE_URL" --file="$dump.partial"
mv "$dump.partial" "$dump"

# The files after the database, so every file the dump refers to is in the copy (a file newer
# than the dump is harmless; one missing from the copy would not be).
dirs=()
for sub in evidence reports; do [ -d "$APP_MEDIA_ROOT/$sub" ] && dirs+=("$sub"); done
if [ ${#dirs[@]} -gt 0 ]; then
  tar -C "$APP_MEDIA_ROOT" -czf "$media.partial" "${dirs[@]}"
else
  tar -czf "$media.partial" -T /dev/null
fi
mv "$media.partial" "$media"

sha256sum "$dump" "$media" > "sbd-$stamp.sha256"
echo "$dest/$dump"
