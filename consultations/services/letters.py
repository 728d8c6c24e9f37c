"""Voting-code letters: asked for by the council, made by a worker, downloaded once; lost codes reissued.

A code exists in plain text only inside the worker that makes the letters and in the PDF it writes. The database
keeps its keyed hash. The PDF is kept in private storage until a council officer downloads it, once, and is then
deleted, so the codes are shown once. A worker that dies part way leaves no codes: they are saved in the same
transaction that records the finished file, and a redelivered task takes over once the lease runs out.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from consultations import codes
from consultations.models import Ballot, LetterBatch, Tenancy, VotingCode
from core import clock
from core.history import create_as, save_as
from core.pdf import render_pdf

log = logging.getLogger(__name__)
LEASE = dt.timedelta(minutes=10)


@transaction.atomic
def letters_request(*, actor, ballot: Ballot) -> LetterBatch:
    """Ask for letters for every tenancy on the register that has no code yet."""
    ballot = Ballot.objects.select_for_update(of=("self",)).get_for(actor, "print_letters", pk=ballot.pk)
    if ballot.status not in (Ballot.Status.DRAFT, Ballot.Status.OPEN):
        raise ValidationError("Voting has closed, so no more letters can be made.")
    if LetterBatch.objects.filter(ballot=ballot, status__in=["pending", "running"]).exists():
        raise ValidationError("Letters are already being made for this ballot. Wait for them to be ready.")
    if not _without_code(ballot).exists():
        raise ValidationError("Every tenancy on the register already has a code.")
    batch = create_as(actor, LetterBatch, ballot=ballot, kind=LetterBatch.Kind.FIRST, requested_by=actor)
    _queue(batch)
    return batch


@transaction.atomic
def code_reissue(*, actor, tenancy: Tenancy, reason: str) -> LetterBatch:
    """A tenant lost their letter: void the code and make a replacement letter. Refused once the tenancy has voted."""
    tenancy = Tenancy.objects.select_related("ballot").get_for(actor, "manage_register", pk=tenancy.pk)
    ballot = Ballot.objects.select_for_update(of=("self",)).get(pk=tenancy.ballot_id)
    if ballot.status not in (Ballot.Status.DRAFT, Ballot.Status.OPEN) or ballot.voting_has_ended:
        raise ValidationError("Voting has ended, so codes can no longer be reissued.")
    if not reason or not reason.strip():
        raise ValidationError({"reason": "Say why the code is being reissued, for example 'letter lost'."})
    live = VotingCode.objects.select_for_update().filter(tenancy=tenancy, status__in=["issued", "used"]).first()
    if live and live.status == VotingCode.Status.USED:
        raise ValidationError("This tenancy has already voted, so its code cannot be reissued.")
    if live:
        live.status = VotingCode.Status.VOID
        live.save(update_fields=["status"])  # no history: codes keep none, by design
    batch = create_as(
        actor,
        LetterBatch,
        ballot=ballot,
        kind=LetterBatch.Kind.REISSUE,
        tenancy=tenancy,
        reason=reason.strip(),
        requested_by=actor,
    )
    _queue(batch)
    return batch


def _queue(batch: LetterBatch) -> None:
    from consultations.tasks import make_letters_task

    transaction.on_commit(lambda: make_letters_task.delay(batch.pk))


def _without_code(ballot: Ballot):
    live = VotingCode.objects.filter(status__in=["issued", "used"])
    return Tenancy.objects.filter(ballot=ballot).exclude(pk__in=live.values("tenancy_id"))


def letters_claim(batch_id: int) -> bool:
    """Take the batch for this worker for a while; False when another worker holds it or it is done."""
    now = timezone.now()
    claimed = LetterBatch.objects.filter(pk=batch_id).claimable(now).update(status="running", lease_until=now + LEASE)
    return claimed == 1


@transaction.atomic
def letters_make(batch_id: int) -> LetterBatch:
    """Make the codes and the PDF of letters for a claimed batch; the codes are saved only with the finished file."""
    batch = (
        LetterBatch.objects.select_for_update(of=("self",))
        .select_related("ballot__consultation__almo")
        .get(pk=batch_id)
    )
    if batch.status != LetterBatch.Status.RUNNING:
        return batch
    ballot = batch.ballot
    tenancies = _without_code(ballot).order_by("area", "postcode", "reference")
    if batch.tenancy_id:
        tenancies = tenancies.filter(pk=batch.tenancy_id)
    letters, records = [], []
    for tenancy in tenancies:
        code = codes.new_code()
        records.append(
            VotingCode(ballot=ballot, tenancy=tenancy, batch=batch, code_hash=codes.code_hash(ballot.public_id, code))
        )
        letters.append({"tenancy": tenancy, "code": codes.display(code)})
    if not letters:
        batch.status, batch.error = LetterBatch.Status.FAILED, "Every tenancy in this batch already has a code."
        return save_as(None, batch, update_fields=["status", "error"])
    VotingCode.objects.bulk_create(records)
    pdf = render_pdf("consultations/pdf/letters.html", _letter_context(ballot, letters))
    batch.file.save("letters.pdf", ContentFile(pdf), save=False)
    batch.status, batch.letter_count, batch.lease_until = LetterBatch.Status.READY, len(letters), None
    save_as(None, batch, update_fields=["file", "status", "letter_count", "lease_until"])
    log.info("letters made batch=%s letters=%s", batch.pk, len(letters))
    return batch


def _letter_context(ballot: Ballot, letters: list[dict]) -> dict:
    base = settings.PORTAL_BASE_URL.rstrip("/")
    return {
        "ballot": ballot,
        "consultation": ballot.consultation,
        "options": list(ballot.consultation.options.all()),
        "letters": letters,
        "voting_url": base + ballot.get_voting_url(),
        "today": clock.today(),
    }


def letters_failed(batch_id: int, message: str) -> None:
    LetterBatch.objects.filter(pk=batch_id).exclude(status__in=["ready", "downloaded"]).update(
        status="failed", error=message[:500], lease_until=None
    )


class _Opened:
    """A stored file already opened, for core.uploads.attachment_response after the stored copy is deleted."""

    def __init__(self, name: str, handle):
        self.name, self._handle = name, handle

    def open(self, mode="rb"):
        return self._handle


@transaction.atomic
def letters_take(*, actor, batch: LetterBatch) -> _Opened:
    """Hand over a batch's letters once: the file is opened, marked downloaded, and deleted when this commits."""
    batch = LetterBatch.objects.select_for_update(of=("self",)).get_for(actor, "print_letters", pk=batch.pk)
    if batch.status != LetterBatch.Status.READY or not batch.file:
        raise ValidationError("These letters have already been downloaded, or are not ready yet.")
    name, storage = batch.file.name, batch.file.storage
    opened = _Opened(name, storage.open(name, "rb"))
    batch.status, batch.file = LetterBatch.Status.DOWNLOADED, ""
    batch.downloaded_by, batch.downloaded_at = actor, timezone.now()
    save_as(actor, batch, update_fields=["status", "file", "downloaded_by", "downloaded_at"])
    # The open handle keeps the bytes readable while the response streams; the name is gone for good.
    transaction.on_commit(lambda: storage.delete(name))
    return opened


def letters_waiting(ballot: Ballot):
    return LetterBatch.objects.filter(ballot=ballot).filter(Q(status="ready") | Q(status="pending"))
