"""A meeting's agenda pack and minutes as a PDF: a row first, drawn by a worker that claims it, kept privately.

Safe to run twice: the task claims the pack with a conditional update that takes a lease, so a second delivery
finds it taken (or finished) and does nothing, and a worker that dies leaves a lease another takes over once it
runs out. The file is saved under a new random name before the row says "ready", so no half file is ever served.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from agreements import report_sections
from agreements.models import Meeting, MeetingPack
from core.pdf import render_pdf
from core.reports import ReportSource
from organisations.joint_agreement import party_for

LEASE = timedelta(seconds=120)
MAX_ATTEMPTS = 3


@transaction.atomic
def pack_request(*, actor, meeting: Meeting) -> MeetingPack:
    """Ask for the pack; a worker draws it. Either party's officers may ask; everyone who reads may download."""
    meeting = Meeting.objects.select_related("series__almo").get_for(actor, "change", pk=meeting.pk)
    party_for(actor, meeting.series.almo)
    if MeetingPack.objects.filter(
        meeting=meeting, status__in=[MeetingPack.Status.PENDING, MeetingPack.Status.RUNNING]
    ).exists():
        raise ValidationError("A pack for this meeting is already being drawn. Wait a moment and refresh the page.")
    pack = MeetingPack.objects.create(meeting=meeting, requested_by=actor)
    from agreements.tasks import render_meeting_pack_task

    transaction.on_commit(lambda: render_meeting_pack_task.delay(pack.pk))
    return pack


def pack_claim(pack_id: int) -> bool:
    """Take the pack for this worker: waiting, or running with a lease that ran out. False if someone has it."""
    now = timezone.now()
    return bool(
        MeetingPack.objects.filter(pk=pack_id, attempts__lt=MAX_ATTEMPTS)
        .filter(Q(status=MeetingPack.Status.PENDING) | Q(status=MeetingPack.Status.RUNNING, lease_until__lt=now))
        .update(status=MeetingPack.Status.RUNNING, lease_until=now + LEASE, attempts=F("attempts") + 1)
    )


def pack_context(meeting: Meeting) -> dict:
    almo = meeting.series.almo
    source = ReportSource(kind=report_sections.MEETING_PACK, council=almo.council, almo=almo)
    source.parameters = {"meeting_id": meeting.pk}
    sections = [
        {"id": f"section-{index}", "title": title, "template": template, "data": selector(source)}
        for index, (title, template, selector) in enumerate(report_sections.MEETING_PACK_SECTIONS, start=2)
    ]
    return {"cover": report_sections.meeting_cover(source), "sections": sections, "generated_at": timezone.now()}


def pack_render(pack_id: int) -> None:
    pack = MeetingPack.objects.select_related("meeting__series__almo__council").get(pk=pack_id)
    content = render_pdf("agreements/pdf/meeting_pack.html", pack_context(pack.meeting))
    pack.file.save("pack.pdf", ContentFile(content), save=False)
    # Only the worker holding the lease marks it ready.
    MeetingPack.objects.filter(pk=pack_id, status=MeetingPack.Status.RUNNING).update(
        status=MeetingPack.Status.READY, file=pack.file.name, finished_at=timezone.now(), lease_until=None, error=""
    )


def pack_fail(pack_id: int, error: Exception) -> None:
    MeetingPack.objects.filter(pk=pack_id).update(
        status=MeetingPack.Status.FAILED, error=str(error)[:500], finished_at=timezone.now(), lease_until=None
    )


def pack_release(pack_id: int) -> None:
    """Let another delivery try again after a passing failure."""
    MeetingPack.objects.filter(pk=pack_id, status=MeetingPack.Status.RUNNING).update(
        status=MeetingPack.Status.PENDING, lease_until=None
    )
