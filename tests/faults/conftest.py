"""Faults: the fast checks run with `make test`; the harness (marked `faults`) only under `make faults`.

`make faults` (scripts/faults.py) starts a throwaway PostgreSQL cluster and Redis on their own ports
and sets PORTAL_FAULTS=1; the harness then stops, kills and restarts them freely. Without that the
harness tests are deselected, so the normal suite never touches them or the machine's own servers.
"""

import os

import pytest

from tests.reporting.conftest import accepted_return, media  # noqa: F401  (fixtures shared with reporting)

HARNESS = os.environ.get("PORTAL_FAULTS") == "1"


def pytest_configure(config):
    config.addinivalue_line("markers", "faults: stops and restarts PostgreSQL, Redis and workers (make faults)")


def pytest_collection_modifyitems(config, items):
    if HARNESS:
        return
    harness = [item for item in items if item.get_closest_marker("faults")]
    if harness:
        config.hook.pytest_deselected(items=harness)
        items[:] = [item for item in items if not item.get_closest_marker("faults")]


# The harness's fixtures: only `make faults` reaches them. ------------------------------------------


@pytest.fixture(scope="session")
def throwaway():
    """The harness's own PostgreSQL and Redis; refuses to run against anything else."""
    from django.conf import settings

    from tests.faults.servers import Postgres, Redis

    if not HARNESS or "FAULTS_PG_DATA" not in os.environ:
        pytest.fail("The fault harness runs under `make faults`, which starts the servers it may stop.")
    postgres, redis = Postgres.from_environment(), Redis.from_environment()
    if int(settings.DATABASES["default"]["PORT"]) != postgres.port:
        pytest.fail("DATABASE_URL is not the throwaway cluster: the harness will not stop another PostgreSQL.")
    return postgres, redis


@pytest.fixture
def postgres(throwaway, transactional_db):
    """The throwaway PostgreSQL; running again after the test, whatever the test did to it."""
    from django.db import connection

    server = throwaway[0]
    yield server
    if not server.is_running():
        server.start()
    connection.close()  # the test process's own connection did not survive a restart


@pytest.fixture
def redis_server(throwaway):
    server = throwaway[1]
    yield server
    from tests.faults.servers import port_open

    if not port_open(server.port):
        server.start()


@pytest.fixture
def faults_worker(worker_factory):
    """Start a real Celery worker that sends its own tasks to the broker, as in production."""

    def start(name: str = "worker", **env):
        return worker_factory(name, DJANGO_SETTINGS_MODULE="tests.faults.settings", **env)

    return start


@pytest.fixture
def portal(worker_factory, tmp_path):
    """The portal under gunicorn (two workers) on a free port, against the test database and broker."""
    from tests.faults.web import Portal

    server = Portal(tmp_path)
    server.start()
    yield server
    server.stop()
