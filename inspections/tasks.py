"""Inspection readiness tasks. Each takes ids, claims its work in the database, and is safe to run twice."""

from celery import shared_task
from django.db import InterfaceError, OperationalError

from inspections.services import reports

TRANSIENT = (OperationalError, InterfaceError, ConnectionError, TimeoutError)


@shared_task(bind=True, acks_late=True, max_retries=4, soft_time_limit=120, time_limit=180)
def render_readiness_report_task(self, report_id: int) -> None:
    if not reports.readiness_report_claim(report_id):
        return  # another worker has it, or it is finished
    try:
        reports.readiness_report_render(report_id)
    except TRANSIENT as error:
        reports.readiness_report_release(report_id)
        if self.request.retries >= self.max_retries:
            if reports.readiness_report_claim(report_id):
                reports.readiness_report_fail(report_id, error)
            return
        raise self.retry(exc=error, countdown=min(2 ** (self.request.retries + 1), 60)) from error
    except Exception as error:  # bad data or a template fault: recorded on the report for people to see
        reports.readiness_report_fail(report_id, error)


@shared_task(acks_late=True)
def requeue_stuck_readiness_reports_task() -> int:
    return len(reports.readiness_reports_requeue_stuck())
