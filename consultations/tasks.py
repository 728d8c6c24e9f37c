"""Background work for ballots: voting-code letters and the result report, each a PDF in private storage.

Tasks take ids, claim their work in the database and are safe to run twice (see services/letters.py).
"""

from __future__ import annotations

import logging

from celery import shared_task
from django.core.files.base import ContentFile
from django.db import transaction

from consultations.services import letters

log = logging.getLogger(__name__)


@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=600, time_limit=660)
def make_letters_task(batch_id: int) -> None:
    if not letters.letters_claim(batch_id):
        return
    try:
        letters.letters_make(batch_id)
    except Exception as error:
        log.exception("letters failed batch=%s", batch_id)
        letters.letters_failed(batch_id, f"The letters could not be made ({type(error).__name__}). Ask for them again.")
        raise


@shared_task(acks_late=True, reject_on_worker_lost=True)
def make_result_report_task(ballot_id: int) -> None:
    """Render the published result as a PDF once; a second run finds it made and stops."""
    from consultations.models import Ballot
    from consultations.report_sections import result_context
    from core.pdf import render_pdf

    with transaction.atomic():
        ballot = Ballot.objects.select_for_update(of=("self",)).select_related("consultation__almo").get(pk=ballot_id)
        if ballot.status != Ballot.Status.PUBLISHED or ballot.result_report:
            return
        pdf = render_pdf("consultations/pdf/result.html", result_context(ballot))
        ballot.result_report.save("result.pdf", ContentFile(pdf), save=False)
        # A file the portal made, not a change anyone made: no history entry needed beyond the publish.
        Ballot.objects.filter(pk=ballot.pk).update(result_report=ballot.result_report.name)
