"""Inspections of every kind, their recommendations, calendar entries, and each person's calendar feed."""

from __future__ import annotations

import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from core.dates import govuk_date
from core.history import create_as, save_as
from inspections.models import CalendarEntry, CalendarFeed, Inspection, Recommendation
from inspections.services.parties import party_for
from organisations.access import Party
from organisations.joint_agreement import other_party
from organisations.models import Council
from organisations.notifications import notify_party

INSPECTION_FIELDS = ("kind", "title", "starts_on", "ends_on", "lead", "star_rating", "prospects", "consumer_grade")


def _apply(inspection: Inspection, fields: dict, report) -> None:
    for name in INSPECTION_FIELDS:
        if name in fields:
            setattr(inspection, name, fields[name])
    inspection.summary = (fields.get("summary") or "").strip()
    inspection.title, inspection.lead = (inspection.title or "").strip(), (inspection.lead or "").strip()
    inspection.prospects = inspection.prospects or ""
    inspection.consumer_grade = inspection.consumer_grade or ""
    if report is not None:
        checked = getattr(report, "checked", None)
        if checked is None:
            raise ValidationError({"report": "The report must be checked before it is stored."})
        inspection.report, inspection.report_name = report, checked.original_name


@transaction.atomic
def inspection_record(*, actor, almo, report=None, **fields) -> Inspection:
    """Either party records an inspection, audit or review; the other side is told."""
    party = party_for(actor, almo)
    inspection = Inspection(almo=almo, recorded_by=actor)
    _apply(inspection, fields, report)
    create = save_as(actor, inspection)
    notify_party(
        almo=almo,
        party=other_party(party),
        subject="An inspection has been recorded",
        message=f"{'The council' if party == Party.COUNCIL else almo.name} recorded {inspection.title} "
        f"({inspection.get_kind_display()}), starting {govuk_date(inspection.starts_on)}.",
        link=reverse("inspections:inspection_detail", args=[inspection.pk]),
        except_user=actor,
    )
    return create


@transaction.atomic
def inspection_update(*, actor, inspection: Inspection, report=None, **fields) -> Inspection:
    inspection = Inspection.objects.select_for_update().get_for(actor, "change", pk=inspection.pk)
    _apply(inspection, fields, report)
    return save_as(actor, inspection)


@transaction.atomic
def recommendation_add(*, actor, inspection: Inspection, text: str, priority: str) -> Recommendation:
    inspection = Inspection.objects.select_for_update().get_for(actor, "change", pk=inspection.pk)
    if not (text or "").strip():
        raise ValidationError({"text": "Enter the recommendation."})
    return create_as(actor, Recommendation, inspection=inspection, text=text.strip(), priority=priority)


@transaction.atomic
def calendar_entry_add(
    *, actor, council: Council, almo=None, kind: str, title: str, starts_on, ends_on=None, notes: str = ""
) -> CalendarEntry:
    """A date for one ALMO (either party adds it) or for all of a council's ALMOs (the council adds it)."""
    if almo is not None:
        party_for(actor, almo)
        council = almo.council
    else:
        council = Council.objects.get_for(actor, "change", pk=council.pk)
    return create_as(
        actor,
        CalendarEntry,
        council=council,
        almo=almo,
        kind=kind,
        title=(title or "").strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        notes=(notes or "").strip(),
    )


def feed_key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def calendar_feed_create(*, actor) -> tuple[CalendarFeed, str]:
    """A new secret feed address for `actor`; any earlier one stops working. The key is returned once, never kept."""
    now = timezone.now()
    for feed in CalendarFeed.objects.restrict(actor, "change").live().select_for_update():
        feed.revoked_at = now
        save_as(actor, feed)
    key = secrets.token_urlsafe(32)
    return create_as(actor, CalendarFeed, user=actor, key_hash=feed_key_hash(key)), key


@transaction.atomic
def calendar_feed_revoke(*, actor, feed: CalendarFeed) -> CalendarFeed:
    feed = CalendarFeed.objects.select_for_update().get_for(actor, "change", pk=feed.pk)
    if feed.revoked_at is None:
        feed.revoked_at = timezone.now()
        save_as(actor, feed)
    return feed
