"""A real Celery worker on Redis, in its own process, sharing the test database.

Tests that use it must commit their data (`transactional_db`), because the worker reads through
its own connection. Each test session gets its own queue, so stray messages never cross runs.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from almo_portal.celery import app

ROOT = Path(__file__).resolve().parent.parent


def broker_url() -> str:
    url = os.environ.get("CELERY_BROKER_URL", "")
    if not url.startswith("redis://"):
        pytest.fail("Worker tests need CELERY_BROKER_URL pointing at Redis; `make test` sets it.")
    return url


def database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"] != "django.db.backends.postgresql":
        pytest.fail("Worker tests need PostgreSQL (a worker cannot share an in-memory SQLite test database).")
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class WorkerProcess:
    """A Celery worker (or beat, with `command="beat"`) in a session of its own, so it can be killed whole."""

    def __init__(self, queue: str, log_path: Path, extra_env: dict[str, str], command: str = "worker"):
        self.queue = queue
        self.log_path = log_path
        self.extra_env = extra_env
        self.command = command
        self.process: subprocess.Popen | None = None

    def environment(self) -> dict[str, str]:
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "almo_portal.settings.test",
            "DATABASE_URL": database_url(),
            "CELERY_BROKER_URL": broker_url(),
            "CELERY_TASK_DEFAULT_QUEUE": self.queue,
            **self.extra_env,
        }

    def start(self, timeout: float = 30.0) -> None:
        if self.command == "beat":
            arguments = ["beat", "--loglevel=info", "--max-interval=1", "-s", str(self.log_path.with_suffix(".db"))]
            ready = "beat: Starting..."
        else:
            arguments = [
                "worker",
                "--pool=prefork",
                "--concurrency=1",
                "--loglevel=info",
                "-Q",
                self.queue,
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ]
            ready = "ready."
        self.log = self.log_path.open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "almo_portal", *arguments],
            cwd=ROOT,
            env=self.environment(),
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if ready in self.log_path.read_text():
                return
            if self.process.poll() is not None:
                pytest.fail(f"The Celery worker stopped while starting:\n{self.log_path.read_text()}")
            time.sleep(0.2)
        pytest.fail(f"The Celery worker did not start in {timeout} s:\n{self.log_path.read_text()}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.close()

    def kill(self) -> None:
        """SIGKILL the worker and its pool at once, as a machine failure would: no chance to clean up."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=15)

    def output(self) -> str:
        return self.log_path.read_text()


@pytest.fixture
def worker_factory(transactional_db, tmp_path, monkeypatch):
    """Make workers (and beat) that share one queue, the test database and a media folder.

    Tasks sent during the test go to the broker, not in-process.
    """
    queue = f"test-{uuid.uuid4().hex[:12]}"
    media = tmp_path / "media"
    monkeypatch.setattr(settings, "MEDIA_ROOT", str(media))
    monkeypatch.setattr(settings, "CELERY_TASK_ALWAYS_EAGER", False)
    app.conf.task_always_eager = False
    app.conf.broker_url = broker_url()
    app.conf.task_default_queue = queue
    extra_env = {"DJANGO_EMAIL_FILE_PATH": str(tmp_path / "mail"), "DJANGO_MEDIA_ROOT": str(media)}
    started = []

    def start(name: str = "worker", command: str = "worker", **env) -> WorkerProcess:
        process = WorkerProcess(queue, tmp_path / f"{name}.log", {**extra_env, **env}, command=command)
        process.mail_dir = tmp_path / "mail"
        process.media = media
        process.start()
        started.append(process)
        return process

    try:
        yield start
    finally:
        for process in started:
            process.stop()
        app.conf.task_always_eager = True
        app.conf.task_default_queue = "celery"
        with app.connection_for_write() as conn:
            conn.default_channel.queue_delete(queue)


@pytest.fixture
def celery_worker_process(worker_factory):
    """One worker, started."""
    return worker_factory()
