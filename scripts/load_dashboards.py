"""`make load`: the dashboards under gunicorn, with 20 signed-in people at once, for a bounded time.

Starts gunicorn on 127.0.0.1 with the production settings against the national data set's database (the one
`make bench` builds: `<DATABASE_URL's name>_national_full`, built here if missing), signs in LOAD_USERS people
(council officers, ALMO staff and board members, each on their own dashboards), runs Locust headless for
LOAD_SECONDS, then prints requests a second, p50, p95 and errors, and stops gunicorn.

Settings from the environment: DATABASE_URL (required), REDIS_URL and CELERY_BROKER_URL (nothing is queued: the
production settings only insist on a broker), LOAD_WORKERS (gunicorn workers, 3), LOAD_USERS (20),
LOAD_SECONDS (60), LOAD_PORT (8787).
"""

import csv
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def main() -> int:
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        print("load: set DATABASE_URL to a PostgreSQL database (its name gets _national_full for the national set)")
        return 2
    parts = urlsplit(base)
    port = os.environ.get("LOAD_PORT", "8787")
    redis = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")
    os.environ.update(
        DATABASE_URL=urlunsplit(parts._replace(path=f"{parts.path}_national_full")),
        DJANGO_SETTINGS_MODULE="almo_portal.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),  # for this run only: the sessions below die with it
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_SECURE_HSTS_SECONDS="0",
        DJANGO_TWO_FACTOR_REQUIRED="false",
        DJANGO_LOG_LEVEL="WARNING",
        REDIS_URL=redis,
        CELERY_BROKER_URL=os.environ.get("CELERY_BROKER_URL", redis),
    )
    workdir = Path(tempfile.mkdtemp(prefix="almo-load-"))
    sessions = workdir / "sessions.json"
    # Set-up runs in a child so this process keeps no database connection or settings of its own.
    subprocess.run([sys.executable, __file__, "--prepare", str(sessions)], check=True, cwd=ROOT)
    log = (workdir / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "almo_portal.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            os.environ.get("LOAD_WORKERS", "3"),
        ],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_for(f"http://127.0.0.1:{port}/health/?format=json")
        users = os.environ.get("LOAD_USERS", "20")
        seconds = os.environ.get("LOAD_SECONDS", "60")
        print(f"load: {users} users for {seconds} s against gunicorn ({os.environ.get('LOAD_WORKERS', '3')} workers)")
        subprocess.run(
            [
                str(BIN / "locust"),
                "-f",
                str(ROOT / "scripts" / "locustfile_dashboards.py"),
                "--headless",
                "--host",
                f"http://127.0.0.1:{port}",
                "--users",
                users,
                "--spawn-rate",
                users,
                "--run-time",
                f"{seconds}s",
                "--stop-timeout",
                "10",
                "--csv",
                str(workdir / "load"),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            env={**os.environ, "LOAD_SESSIONS": str(sessions)},
            check=False,
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    return _report(workdir / "load_stats.csv")


def _wait_for(url: str) -> None:
    for _ in range(100):
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310  # nosec B310: our own server on 127.0.0.1
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"load: gunicorn did not answer {url}")


def _report(stats_csv: Path) -> int:
    rows = list(csv.DictReader(stats_csv.open()))
    print(f"   {'page':<44} {'requests':>8} {'errors':>6} {'req/s':>6} {'p50 ms':>7} {'p95 ms':>7}")
    for row in rows:
        print(
            f"   {row['Name']:<44} {row['Request Count']:>8} {row['Failure Count']:>6} "
            f"{float(row['Requests/s']):>6.1f} {row['50%']:>7} {row['95%']:>7}"
        )
    total = next(row for row in rows if row["Name"] == "Aggregated")
    rate, errors = float(total["Requests/s"]), int(total["Failure Count"])
    met = rate >= 50 and errors == 0
    print(f"   aims (0 errors, at least 50 requests a second): {'met' if met else 'NOT MET'}")
    return 0


def prepare(sessions_path: str) -> None:
    """Migrate and build the national set if need be, collect the static files, and sign the people in."""
    import django

    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    from dashboards import national_data
    from organisations.models import Almo

    call_command("migrate", verbosity=0, interactive=False)
    if not national_data.exists():
        national_data.flush()
        print(f"load: built the national set in {national_data.build(log=lambda line: None).seconds:.0f} s")
    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        call_command("collectstatic", interactive=False, verbosity=0)

    def urls(*names_and_args):
        found = []
        for name, arg in names_and_args:
            try:
                found.append(reverse(name, args=[arg] if arg else []))
            except NoReverseMatch:
                continue  # a dashboard not built yet
        return found

    users = get_user_model().objects.filter(username__startswith=national_data.USER_PREFIX)
    people = []
    want = int(os.environ.get("LOAD_USERS", "20"))
    almos = list(Almo.objects.filter(slug__startswith=national_data.PREFIX).select_related("council").order_by("slug"))
    # Half council officers, a quarter ALMO staff, a quarter board members, each of a different organisation.
    for n, almo in enumerate(almos[:want]):
        number = almo.slug.rsplit("-", 1)[1]
        if n % 4 in (0, 1):
            user = users.get(memberships__council=almo.council, memberships__role="council_officer")
            pages = urls(("dashboards:council", almo.council.slug))
        elif n % 4 == 2:
            user = users.get(username=f"{national_data.USER_PREFIX}staff.{number}")
            pages = urls(("dashboards:almo", almo.slug), ("benchmarking:compare", None))
        else:
            user = users.get(username=f"{national_data.USER_PREFIX}board.{number}")
            pages = urls(("dashboards:board", almo.slug), ("benchmarking:compare", None))
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        people.append({"cookie_name": settings.SESSION_COOKIE_NAME, "cookie": cookie, "urls": pages})
    Path(sessions_path).write_text(json.dumps(people))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--prepare"]:
        prepare(sys.argv[2])
    else:
        sys.exit(main())
