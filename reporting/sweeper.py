"""Every worker sweeps for report runs that were lost, so recovery needs no beat and takes seconds.

Celery starts this step in each worker's main process (`almo_portal/celery.py` adds it). Every
SWEEP_EVERY seconds it sends again the runs whose lease lapsed (a worker killed mid-render) and the
waiting runs whose message the broker lost (Redis restarted without its data). Sending twice is
harmless: a run is claimed in the database, once.
"""

from __future__ import annotations

import logging

from celery import bootsteps

logger = logging.getLogger(__name__)

SWEEP_EVERY = 5.0


def sweep() -> None:
    from django.db import connection

    from reporting import services

    try:
        found = services.reports_requeue_stuck(tidy=False, through_broker=True)
        if found:
            logger.info("Sent again report runs %s (a worker stopped, or the broker lost them)", found)
    except Exception as error:  # the database or broker is down: the next sweep tries again
        logger.warning("Report sweep skipped: %s", error)
    finally:
        # The main process forks pool children: it keeps no connection for them to inherit.
        connection.close()


class ReportSweepStep(bootsteps.StartStopStep):
    """Runs `sweep` on the worker's timer, first soon after the worker starts."""

    requires = {"celery.worker.components:Timer"}

    def __init__(self, worker, **kwargs):
        super().__init__(worker, **kwargs)
        self.timers = []

    def start(self, worker):
        self.timers = [
            worker.timer.call_after(2.0, sweep),
            worker.timer.call_repeatedly(SWEEP_EVERY, sweep, priority=10),
        ]

    def stop(self, worker):
        for timer in self.timers:
            timer.cancel()
        self.timers = []
