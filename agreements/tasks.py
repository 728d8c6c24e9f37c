"""Agreements tasks. Each takes ids, claims its work in the database, and is safe to run twice."""

from celery import shared_task
from django.db import InterfaceError, OperationalError

from agreements.services import packs

TRANSIENT = (OperationalError, InterfaceError, ConnectionError, TimeoutError)


@shared_task(bind=True, acks_late=True, max_retries=3, soft_time_limit=120, time_limit=180)
def render_meeting_pack_task(self, pack_id: int) -> None:
    if not packs.pack_claim(pack_id):
        return  # another delivery has it, or it is finished
    try:
        packs.pack_render(pack_id)
    except TRANSIENT as error:
        packs.pack_release(pack_id)
        raise self.retry(exc=error, countdown=min(2 ** (self.request.retries + 1), 60)) from error
    except Exception as error:  # a bad template or bad data: shown on the meeting page
        packs.pack_fail(pack_id, error)
