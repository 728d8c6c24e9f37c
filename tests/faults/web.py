"""The portal under gunicorn, and a small bounded load of page requests against it."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.test import Client

from almo_portal.celery import app
from tests.faults.servers import wait_until
from tests.worker import ROOT, broker_url, database_url


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def session_cookie(user) -> str:
    """A signed-in session for `user`, kept in the test database where gunicorn reads it."""
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


@dataclass
class Answer:
    status: int
    body: str
    headers: dict


class Portal:
    """gunicorn serving almo_portal.wsgi with the harness's settings, in its own session so it can be stopped whole."""

    def __init__(self, folder: Path, workers: int = 2):
        self.port = free_port()
        self.log_path = folder / "gunicorn.log"
        self.workers = workers
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 30) -> None:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.faults.settings",
            "DATABASE_URL": database_url(),
            "CELERY_BROKER_URL": broker_url(),
            "CELERY_TASK_DEFAULT_QUEUE": app.conf.task_default_queue,
            "DJANGO_MEDIA_ROOT": str(settings.MEDIA_ROOT),
        }
        self.log = self.log_path.open("w")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "almo_portal.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--timeout",
                "30",
                "--graceful-timeout",
                "5",
                "--access-logfile",
                "-",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_until(lambda: self._answers() or self._died(), timeout, interval=0.2, what="gunicorn to answer")
        if self.process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped while starting:\n{self.output()}")

    def _answers(self) -> bool:
        try:
            return self.get("/sign-in/").status == 200
        except OSError:
            return False

    def _died(self) -> bool:
        return self.process.poll() is not None

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=15)
        self.log.close()

    def output(self) -> str:
        return self.log_path.read_text()

    def get(self, path: str, cookie: str = "", timeout: float = 30) -> Answer:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
            response = connection.getresponse()
            return Answer(response.status, response.read().decode("utf-8", "replace"), dict(response.getheaders()))
        finally:
            connection.close()


@dataclass
class Load:
    """`clients` threads asking for `paths` in turn until stopped, at most `limit` requests or `seconds` each."""

    portal: Portal
    cookie: str
    paths: list[str]
    clients: int = 4
    seconds: float = 90
    limit: int = 5000
    statuses: Counter = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)

    def __post_init__(self):
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self._client, args=(n,), daemon=True) for n in range(self.clients)]

    def start(self) -> Load:
        for thread in self.threads:
            thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=35)

    @property
    def total(self) -> int:
        return sum(self.statuses.values())

    def _client(self, number: int) -> None:
        deadline = time.monotonic() + self.seconds
        for count in range(self.limit):
            if self.stopping.is_set() or time.monotonic() > deadline:
                return
            path = self.paths[(number + count) % len(self.paths)]
            try:
                answer = self.portal.get(path, self.cookie)
                outcome, failed = answer.status, answer.status != 200
            except OSError as error:
                outcome, failed = type(error).__name__, True
            with self.lock:
                self.statuses[outcome] += 1
                if failed:
                    self.failures.append(f"{path}: {outcome}")
