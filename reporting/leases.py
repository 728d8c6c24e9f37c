"""Keeping a report run's lease alive while one long step (WeasyPrint drawing the pages) runs.

A render has few progress points, and drawing a big board pack can take longer than a lease. A thread
renews the lease every few seconds instead, so a live worker keeps its run and a dead one (killed, its
machine gone) lets it lapse within one lease.
"""

from __future__ import annotations

import logging
import threading

from django.db import DatabaseError, connection
from django.utils import timezone

logger = logging.getLogger(__name__)


class LeaseKeeper:
    """Renews `lease` on run `run_id` every `every` seconds for `length`, until the block ends."""

    def __init__(self, run_id: int, lease: str, length, every: float):
        self.run_id, self.lease, self.length, self.every = run_id, lease, length, every
        self.stop = threading.Event()
        self.thread: threading.Thread | None = None

    def __enter__(self) -> LeaseKeeper:
        # Inside a transaction (tests, a demo loader) another connection could not see the claim, and
        # SQLite allows one writer: the run is done in this process, nobody else can take it over.
        if connection.in_atomic_block or connection.vendor == "sqlite":
            return self
        self.thread = threading.Thread(target=self._renew, name=f"report-lease-{self.run_id}", daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop.set()
        if self.thread is not None:
            self.thread.join(timeout=self.every + 10)

    def _renew(self) -> None:
        from reporting.models import ReportRun

        try:
            while not self.stop.wait(self.every):
                try:
                    ReportRun.objects.filter(pk=self.run_id, lease_owner=self.lease).update(
                        lease_until=timezone.now() + self.length
                    )
                except DatabaseError as error:
                    # The database is briefly away: try again next time; the lease is longer than a beat.
                    logger.warning("Could not renew the lease of report run %s: %s", self.run_id, error)
                    connection.close()
        finally:
            connection.close()  # this thread's own connection
