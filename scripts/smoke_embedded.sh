#!/usr/bin/env bash
# The embedded default, as a newcomer gets it: SQLite in a fresh folder, tasks in-process, the demo
# data loaded twice (the second load must change nothing) and the sign-in page served.
set -euo pipefail
cd "$(dirname "$0")/.."

workdir=$(mktemp -d)
port=${SMOKE_PORT:-8765}
trap 'kill "${server_pid:-}" 2>/dev/null || true; rm -rf "$workdir"' EXIT

export DJANGO_SETTINGS_MODULE=almo_portal.settings.local
unset DATABASE_URL CELERY_BROKER_URL REDIS_URL
export DATABASE_URL="sqlite:///$workdir/portal.sqlite3"

.venv/bin/python manage.py migrate --no-input -v0
.venv/bin/python manage.py load_demo_data --quiet-sign-ins
before=$(.venv/bin/python manage.py dumpdata --natural-foreign organisations auth.user | sha256sum)
.venv/bin/python manage.py load_demo_data --quiet-sign-ins
after=$(.venv/bin/python manage.py dumpdata --natural-foreign organisations auth.user | sha256sum)
[ "$before" = "$after" ] || { echo "smoke: loading the demo data twice changed it"; exit 1; }

.venv/bin/python manage.py runserver "127.0.0.1:$port" --noreload >"$workdir/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 50); do
  curl -fsS "http://127.0.0.1:$port/sign-in/" -o "$workdir/sign-in.html" 2>/dev/null && break
  sleep 0.2
done
grep -q "Sign in to ALMO Portal" "$workdir/sign-in.html" || { echo "smoke: no sign-in page"; cat "$workdir/server.log"; exit 1; }
curl -fsS "http://127.0.0.1:$port/health/?format=json" >/dev/null || { echo "smoke: /health/ is not healthy"; exit 1; }
echo "smoke: embedded default migrates, loads the demo data idempotently and serves the sign-in page"
