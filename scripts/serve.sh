#!/usr/bin/env bash
# `make serve`: the production setup on this machine — gunicorn with DEBUG off, collected static
# files, a Celery worker and Celery beat — on http://127.0.0.1:$PORT, with the demo data.
#
# Uses DATABASE_URL (else the embedded PostgreSQL) and REDIS_URL (else a redis-server of its own on a
# free port). Plain http on the loopback: no HTTPS redirect, no HSTS, cookies without Secure. Mail is
# printed on the console by the worker unless EMAIL_BACKEND / EMAIL_HOST say otherwise. Ctrl-C stops
# everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
PORT=${PORT:-8000}
mkdir -p .data

# A key of its own kept between starts, so sign-ins survive a restart.
if [ -z "${SECRET_KEY:-}" ]; then
  [ -s .data/serve-secret-key ] || $BIN/python -c 'import secrets; print(secrets.token_urlsafe(50))' >.data/serve-secret-key
  SECRET_KEY=$(cat .data/serve-secret-key)
fi
export SECRET_KEY DEBUG=0 PORT
export ALLOWED_HOSTS=${ALLOWED_HOSTS:-127.0.0.1,localhost}
export SITE_URL=${SITE_URL:-http://127.0.0.1:$PORT}
export SECURE_SSL_REDIRECT=0 SECURE_HSTS_SECONDS=0 SECURE_COOKIES=0
export EMAIL_BACKEND=${EMAIL_BACKEND:-django.core.mail.backends.console.EmailBackend}

pids=()
stop() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop EXIT INT TERM

if [ -z "${REDIS_URL:-}" ]; then
  command -v redis-server >/dev/null || { echo "make serve needs REDIS_URL or redis-server" >&2; exit 1; }
  redis_port=$($BIN/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no >/dev/null &
  pids+=($!)
  export REDIS_URL=redis://127.0.0.1:$redis_port/0
  echo "Redis of its own at $REDIS_URL"
fi

$BIN/python manage.py migrate --noinput
# The worker and beat need only the schema: they start while the static files are collected.
$BIN/celery -A ecosystem worker -l info --concurrency 2 &
pids+=($!)
$BIN/celery -A ecosystem beat -l info --schedule .data/celerybeat-schedule &
pids+=($!)
$BIN/python manage.py collectstatic --noinput -v 0
DEBUG=1 $BIN/python manage.py seed_demo --if-empty
# Threaded workers: a burst of submits in the call's last second is taken in at once, and each
# request's arrival (the deadline's clock) is when it was sent, not when a sync worker became free.
$BIN/gunicorn ecosystem.wsgi:application --bind "127.0.0.1:$PORT" --workers "${WEB_WORKERS:-4}" \
  --worker-class gthread --threads "${WEB_THREADS:-16}" --access-logfile - &
pids+=($!)
echo "Serving the production setup on http://127.0.0.1:$PORT/ (Ctrl-C stops)"
# Whichever process ends first (or Ctrl-C) stops the others.
wait -n
