#!/bin/sh
# Makes the secrets docker/compose.yaml reads, one file each in docker/secrets/ (ignored by git):
# random passwords for PostgreSQL, the broker and the cache Redis, the Django secret key, and
# the three connection URLs built from them. A file that exists is kept, so running this again
# changes nothing; delete a file to make it anew (then restart what uses it).
#     docker/make-secrets.sh
# The folder is the deploying user's alone (700). Compose mounts each file into the containers
# that need it; a container's own user must read it, hence 644 inside that private folder.
set -eu
dir=$(dirname "$0")/secrets
umask 077
mkdir -p "$dir"
chmod 700 "$dir"

random() { head -c 48 /dev/urandom | base64 | tr -d '\n/+=' | cut -c1-"$1"; }
keep_or_write() {  # name, value
  if [ -s "$dir/$1" ]; then
    echo "kept    docker/secrets/$1"
  else
    printf '%s\n' "$2" > "$dir/$1"
    echo "made    docker/secrets/$1"
  fi
  chmod 644 "$dir/$1"
}
read_secret() { head -n1 "$dir/$1"; }

keep_or_write django_secret_key "$(random 64)"
keep_or_write postgres_password "$(random 32)"
keep_or_write broker_password "$(random 32)"
keep_or_write cache_password "$(random 32)"
# The URLs name the compose services; POSTGRES_USER and POSTGRES_DB as in docker/.env (sbd).
user=${POSTGRES_USER:-sbd}
db=${POSTGRES_DB:-sbd}
keep_or_write database_url "postgres://$user:$(read_secret postgres_password)@postgres:5432/$db"
keep_or_write broker_url "redis://:$(read_secret broker_password)@redis:6379/0"
keep_or_write cache_url "redis://:$(read_secret cache_password)@redis-cache:6379/0"
