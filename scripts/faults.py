"""`make faults`: start a throwaway PostgreSQL and Redis on ports of their own, run the fault harness, clean up.

The harness (tests/faults, marked `faults`) stops, kills and restarts these servers, never the
machine's own. Arguments are passed on to pytest. Every step has a time limit.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.faults.servers import Postgres, Redis, port_open, postgres_bin  # noqa: E402

PG_PORT = int(os.environ.get("FAULTS_PG_PORT", "55432"))
REDIS_PORT = int(os.environ.get("FAULTS_REDIS_PORT", "56379"))
# The whole run, servers included; CI allows a few minutes for it.
PYTEST_TIMEOUT = int(os.environ.get("FAULTS_TIMEOUT", "900"))


def main(arguments: list[str]) -> int:
    for port in (PG_PORT, REDIS_PORT):
        if port_open(port):
            print(f"Port {port} is already in use: set FAULTS_PG_PORT or FAULTS_REDIS_PORT to free ones.")
            return 2
    folder = Path(tempfile.mkdtemp(prefix="almo-faults-"))
    # The throwaway cluster runs as the postgres user, who must be able to enter this folder (and only read it).
    os.chmod(folder, 0o755)  # nosec B103
    postgres = Postgres(postgres_bin(), folder / "pg" / "data", PG_PORT)
    redis = Redis(REDIS_PORT, folder)
    started = time.monotonic()
    try:
        postgres.initdb()
        postgres.start()
        redis.start()
        print(f"Throwaway PostgreSQL on {PG_PORT} and Redis on {REDIS_PORT} ({time.monotonic() - started:.1f} s)")
        env = {
            **os.environ,
            "PORTAL_FAULTS": "1",
            "DATABASE_URL": postgres.url("faults"),
            "REDIS_URL": redis.url(0),
            "CELERY_BROKER_URL": redis.url(1),
            "FAULTS_PG_BIN": str(postgres.bin),
            "FAULTS_PG_DATA": str(postgres.data),
            "FAULTS_PG_PORT": str(PG_PORT),
            "FAULTS_REDIS_PORT": str(REDIS_PORT),
            "FAULTS_TMP": str(folder),
        }
        pytest = str(ROOT / ".venv" / "bin" / "pytest")
        command = [pytest, "-m", "faults", "-p", "no:randomly", "tests/faults", *arguments]
        harness = subprocess.Popen(command, cwd=ROOT, env=env)
        try:
            return harness.wait(timeout=PYTEST_TIMEOUT)
        except subprocess.TimeoutExpired:
            print(f"The fault harness did not finish in {PYTEST_TIMEOUT} s: interrupting it.")
            harness.send_signal(signal.SIGINT)  # pytest then runs its teardowns, which stop the workers
            try:
                harness.wait(timeout=60)
            except subprocess.TimeoutExpired:
                harness.kill()
            return 1
    finally:
        redis.stop()
        if postgres.is_running() or (postgres.data / "postmaster.pid").exists():
            try:
                postgres.stop(mode="immediate")
            except subprocess.SubprocessError as error:
                print(f"Could not stop the throwaway PostgreSQL: {error}")
        shutil.rmtree(folder, ignore_errors=True)
        print(f"Fault harness and its servers: {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
