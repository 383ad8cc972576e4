#!/bin/sh
# Container start-up: wait for the database, migrate, load the seed content,
# then hand PID 1 to the command (gunicorn by default) so it gets the signals.
set -eu

log() { printf 'entrypoint: %s\n' "$*" >&2; }

# flag NAME VALUE: the words the settings accept for a boolean; anything else
# is a typo, refused rather than guessed.
flag() {
  case "$(printf '%s' "$2" | tr '[:upper:]' '[:lower:]')" in
    1 | true | yes | on) return 0 ;;
    0 | false | no | off) return 1 ;;
    *) log "$1=$2 is not a boolean (use true/false)"; exit 2 ;;
  esac
}

if flag WAIT_FOR_DATABASE "${WAIT_FOR_DATABASE:-true}"; then
  # Compose's healthy check is not enough everywhere (other orchestrators, a
  # restarting database), so probe with Django's own connection settings.
  deadline=$(($(date +%s) + 60))
  attempt=1
  # `timeout` bounds a probe against a host that silently drops packets.
  until output=$(timeout 10 python manage.py shell --no-imports -c \
    "from django.db import connection; connection.ensure_connection()" 2>&1); do
    if [ "$(date +%s)" -ge "$deadline" ]; then
      log "gave up waiting for the database after 60 s; last error:"
      printf '%s\n' "$output" >&2
      exit 1
    fi
    # The exception line of the traceback says why (refused, unknown host, bad settings).
    reason=$(printf '%s\n' "$output" | grep -v '^[[:space:]]' | tail -n 1)
    log "waiting for the database (try $attempt): ${reason:-no answer within 10 s}; retrying in 2 s"
    attempt=$((attempt + 1))
    sleep 2
  done
  log "database is up"
fi

# With several replicas, set MIGRATE_ON_START=false and migrate once as a release step.
if flag MIGRATE_ON_START "${MIGRATE_ON_START:-true}"; then
  python manage.py migrate --no-input
fi

# Loads the seed content into an empty database only: once there is content,
# editors own it (an item they deleted stays deleted), and it says so in one line.
if flag LOAD_SEED_CONTENT "${LOAD_SEED_CONTENT:-true}"; then
  python manage.py load_content --if-empty
fi

exec "$@"
