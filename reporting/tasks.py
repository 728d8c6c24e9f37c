"""Report tasks. Each takes ids, claims its work in the database, and is safe to run twice.

A database or broker that is briefly away (restarted, failed over) is retried with backoff; a disk
that cannot take the file fails the run cleanly, with a message on its page and a way to try again.
"""

import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.db import DatabaseError, InterfaceError, OperationalError

from core.pdf import StorageUnavailable
from reporting import notices, services

logger = logging.getLogger(__name__)

# Failures worth another try: the database or the network was briefly unavailable.
TRANSIENT = (OperationalError, InterfaceError, ConnectionError, TimeoutError)
# The shared retry policy of the small tasks: 2, 4, 8 ... seconds, at most a minute apart.
RETRYING = {"autoretry_for": TRANSIENT, "retry_backoff": 2, "retry_backoff_max": 60, "max_retries": 6}


def backoff(retries: int) -> int:
    return min(2 ** (retries + 1), 60)


@shared_task(bind=True, acks_late=True, max_retries=6, soft_time_limit=240, time_limit=300)
def render_report_task(self, run_id: int, lease: str | None = None) -> None:
    try:
        lease = services.report_claim(run_id, lease=lease)
    except TRANSIENT as error:  # the database is down: the run is still waiting, try again shortly
        raise self.retry(exc=error, countdown=backoff(self.request.retries)) from error
    if lease is None:
        return  # another worker holds it with a live lease, or it is finished
    try:
        services.report_render(run_id, lease)
    except TRANSIENT as error:
        _after_transient_error(self, run_id, lease, error)
    except StorageUnavailable as error:
        services.report_fail(run_id, error, lease, message=services.storage_failure_message(error))
    except SoftTimeLimitExceeded as error:
        services.report_fail(
            run_id,
            error,
            lease,
            message="The report took too long to draw. Try again, or ask for a shorter period.",
        )
        raise
    except Exception as error:  # a bad template or bad data: record it on the run for people to see
        services.report_fail(run_id, error, lease)


def _after_transient_error(task, run_id: int, lease: str, error: Exception) -> None:
    """Give the run back and retry with backoff; after the last retry, record the failure if still ours."""
    try:
        if task.request.retries >= task.max_retries:
            services.report_fail(run_id, error, lease)
            return
        services.report_release(run_id, lease)
    except DatabaseError as second:
        # Still no database: the retry brings this claim's lease back, and its lapse frees the run anyway.
        logger.warning("Report run %s could not be released (%s); retrying with its lease", run_id, second)
    raise task.retry(
        args=[run_id], kwargs={"lease": lease}, exc=error, countdown=backoff(task.request.retries)
    ) from error


@shared_task(acks_late=True, **RETRYING)
def requeue_stuck_reports_task() -> int:
    return len(services.reports_requeue_stuck())


@shared_task(acks_late=True, **RETRYING)
def monthly_council_variance_reports_task() -> int:
    return len(services.schedule_council_variance_reports())


@shared_task(acks_late=True, **RETRYING)
def return_deadline_reminders_task() -> int:
    return notices.send_reminders()


@shared_task(acks_late=True, **RETRYING)
def daily_digest_task() -> int:
    return notices.send_daily_digest()
