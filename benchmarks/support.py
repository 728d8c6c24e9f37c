"""Shared set-up for benchmarks: a throwaway database, migrated, removed afterwards."""

import contextlib
import os
import resource

from django.test.utils import setup_databases, teardown_databases


@contextlib.contextmanager
def throwaway_database():
    """A fresh test database (PostgreSQL from DATABASE_URL, as `make bench` sets), deleted at the end."""
    state = setup_databases(verbosity=0, interactive=False, keepdb=False)
    try:
        yield
    finally:
        teardown_databases(state, verbosity=0)


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MB (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def in_child(function, *args):
    """Run `function` in a forked child and return (its result, the child's peak memory in MB).

    Each render gets its own process, as on a worker, so its peak memory is its own.
    """
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        from django.db import connections

        for connection in connections.all():
            connection.connection = None  # open a new one: closing the parent's would end its session
        try:
            result = repr(function(*args))
            payload = f"{result}\t{peak_rss_mb():.1f}"
        except Exception as error:  # report, don't hide
            payload = f"ERROR {error!r}\t0"
        os.write(write_end, payload.encode())
        os._exit(0)
    os.close(write_end)
    chunks = []
    while chunk := os.read(read_end, 65536):
        chunks.append(chunk)
    os.close(read_end)
    os.waitpid(pid, 0)
    result, memory = b"".join(chunks).decode().rsplit("\t", 1)
    if result.startswith("ERROR"):
        raise RuntimeError(result)
    return result, float(memory)
