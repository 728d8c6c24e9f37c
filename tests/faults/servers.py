"""Throwaway PostgreSQL and Redis servers that the fault harness may stop, kill and restart.

Standard library only: scripts/faults.py uses this before Django is set up, and the tests use it to
inject the faults. Every wait is bounded; nothing here touches the machine's own servers (the ports
and folders are the harness's own).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path


def wait_until(condition, timeout: float, interval: float = 0.1, what: str = "a condition"):
    """Poll `condition` until it returns something true, at most `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(interval)
    raise TimeoutError(f"Gave up after {timeout:.0f} s waiting for {what}")


def port_open(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex((host, port)) == 0


def postgres_bin() -> Path:
    """The newest PostgreSQL server binaries on the machine (Debian keeps them off the PATH)."""
    configured = os.environ.get("FAULTS_PG_BIN")
    if configured:
        return Path(configured)
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[4]))
    if not found:
        raise RuntimeError("No PostgreSQL server binaries under /usr/lib/postgresql: install postgresql.")
    return Path(found[-1]).parent


@dataclass
class Postgres:
    """A cluster in `data` listening on 127.0.0.1:`port`, run as the postgres user when we are root."""

    bin: Path
    data: Path
    port: int

    @classmethod
    def from_environment(cls) -> Postgres:
        env = os.environ
        return cls(Path(env["FAULTS_PG_BIN"]), Path(env["FAULTS_PG_DATA"]), int(env["FAULTS_PG_PORT"]))

    def _run(self, *command: str, timeout: float = 60) -> subprocess.CompletedProcess:
        # PostgreSQL refuses to run as root: run its tools as the postgres user then.
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        return subprocess.run([*prefix, *command], check=True, capture_output=True, text=True, timeout=timeout, cwd="/")

    def initdb(self) -> None:
        self.data.parent.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            user = pwd.getpwnam("postgres")
            os.chown(self.data.parent, user.pw_uid, user.pw_gid)
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")

    def start(self, timeout: float = 30) -> None:
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.data} "
            # Durable against a killed server (what the harness does), not against a power cut: fast.
            "-c fsync=off -c full_page_writes=off -c max_connections=60"
        )
        log = self.data.parent / "postgres.log"
        self._pg_ctl("-l", str(log), "-o", options, "start", timeout=timeout)

    def stop(self, mode: str = "fast", timeout: float = 30) -> None:
        """Stop the server: `fast` ends every connection at once, `immediate` is a crash."""
        self._pg_ctl("-m", mode, "stop", timeout=timeout)

    def _pg_ctl(self, *arguments: str, timeout: float) -> None:
        pg_ctl = str(self.bin / "pg_ctl")
        self._run(pg_ctl, "-D", str(self.data), "-w", "-t", str(int(timeout)), *arguments, timeout=timeout + 5)

    def is_running(self) -> bool:
        return (self.data / "postmaster.pid").exists() and port_open(self.port)

    def url(self, name: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"


@dataclass
class Redis:
    """A Redis with no persistence on 127.0.0.1:`port`: a restart loses everything queued, as in celery#7924."""

    port: int
    folder: Path

    @classmethod
    def from_environment(cls) -> Redis:
        return cls(int(os.environ["FAULTS_REDIS_PORT"]), Path(os.environ["FAULTS_TMP"]))

    @property
    def pidfile(self) -> Path:
        return self.folder / f"redis-{self.port}.pid"

    def start(self, timeout: float = 15) -> None:
        server = shutil.which("redis-server")
        if not server:
            raise RuntimeError("redis-server is needed: install redis-server.")
        subprocess.run(
            [
                server,
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "yes",
                "--pidfile",
                str(self.pidfile),
                "--logfile",
                str(self.folder / "redis.log"),
                "--dir",
                str(self.folder),
            ],
            check=True,
            timeout=timeout,
        )
        wait_until(lambda: port_open(self.port), timeout, what=f"Redis on port {self.port}")

    def stop(self, timeout: float = 15) -> None:
        """Kill the server outright (SIGKILL): nothing is saved, everything queued is gone."""
        try:
            pid = int(self.pidfile.read_text().strip())
        except (FileNotFoundError, ValueError):
            return
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        wait_until(lambda: not port_open(self.port), timeout, what="Redis to stop")
        self.pidfile.unlink(missing_ok=True)

    def url(self, db: int) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"


def children(pid: int) -> list[int]:
    """The direct children of a process (a Celery worker's pool processes)."""
    path = Path(f"/proc/{pid}/task/{pid}/children")
    try:
        return [int(child) for child in path.read_text().split()]
    except FileNotFoundError:
        return []
