"""Report tasks. Each takes ids, claims its work in the database, and is safe to run twice."""

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.db import InterfaceError, OperationalError

from reporting import notices, services

# Failures worth another try: the database or the disk was briefly unavailable.
TRANSIENT = (OperationalError, InterfaceError, ConnectionError, TimeoutError)


@shared_task(bind=True, acks_late=True, max_retries=4, soft_time_limit=240, time_limit=300)
def render_report_task(self, run_id: int) -> None:
    if not services.report_claim(run_id):
        return  # another delivery has it, or it is finished
    try:
        services.report_render(run_id)
    except TRANSIENT as error:
        services.report_release(run_id)
        if self.request.retries >= self.max_retries:
            if services.report_claim(run_id):  # only if no other worker has taken it since
                services.report_fail(run_id, error)
            return
        raise self.retry(exc=error, countdown=min(2 ** (self.request.retries + 1), 60)) from error
    except SoftTimeLimitExceeded as error:
        services.report_fail(
            run_id, TimeoutError("The report took too long to draw. Try again, or ask for a shorter period.")
        )
        raise error
    except Exception as error:  # a bad template or bad data: record it on the run for people to see
        services.report_fail(run_id, error)


@shared_task(acks_late=True)
def requeue_stuck_reports_task() -> int:
    return len(services.reports_requeue_stuck())


@shared_task(acks_late=True)
def monthly_council_variance_reports_task() -> int:
    return len(services.schedule_council_variance_reports())


@shared_task(acks_late=True)
def return_deadline_reminders_task() -> int:
    return notices.send_reminders()


@shared_task(acks_late=True)
def daily_digest_task() -> int:
    return notices.send_daily_digest()
