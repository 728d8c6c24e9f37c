"""Report sections: a meeting's pack (the meeting, agenda, minutes, actions) and the board pack's agreement section.

The reporting app draws the meeting pack as a report of kind `meeting_pack`, with the meeting's id in the run's
parameters: these sections are what it is made of, as the board pack is made of every app's board sections.
"""

from __future__ import annotations

from itertools import groupby

from agreements.models import AgendaItem, Intervention, ManagementAgreement, Meeting, MeetingAction
from core import clock, registries
from core.dates import govuk_date
from core.numbers import format_money
from core.reports import BOARD_PACK, MEETING_PACK, ReportSource


def _meeting(source: ReportSource) -> Meeting:
    return source.memo(
        "agreements.meeting",
        lambda: (
            Meeting.objects.owned_by(almo=source.almo)
            .select_related("series__almo__council", "series__chair", "minuted_by")
            .get(pk=source.parameters["meeting_id"])
        ),
    )


def meeting_cover(source: ReportSource) -> dict:
    meeting = _meeting(source)
    series = meeting.series
    return {
        "title": series.name,
        "council": series.almo.council.name,
        "organisation": series.almo.name,
        "date": govuk_date(meeting.held_on),
        "location": meeting.location,
        "chair": series.chair_display,
        "members": [m.get_full_name() for m in series.members.order_by("last_name", "first_name")]
        + series.outside_member_list,
        "minuted": meeting.status == Meeting.Status.MINUTED,
    }


def meeting_agenda(source: ReportSource) -> dict:
    items = AgendaItem.objects.filter(meeting=_meeting(source)).order_by("position", "pk")
    return {
        "headings": [
            {
                "heading": heading,
                "items": [
                    {
                        "title": i.title,
                        "detail": i.detail,
                        "rag": i.rag,
                        "minutes": i.minutes,
                        "decision": i.decision,
                    }
                    for i in group
                ],
            }
            for heading, group in groupby(items, key=lambda item: item.heading)
        ]
    }


def meeting_minutes(source: ReportSource) -> dict:
    meeting = _meeting(source)
    return {
        "minuted": meeting.status == Meeting.Status.MINUTED,
        "attendees": [line for line in meeting.attendees.splitlines() if line.strip()],
        "apologies": [line for line in meeting.apologies.splitlines() if line.strip()],
        "summary": meeting.summary,
        "minuted_by": meeting.minuted_by.get_full_name() if meeting.minuted_by else "",
        "minuted_at": govuk_date(meeting.minuted_at),
    }


def meeting_actions(source: ReportSource) -> dict:
    """Actions raised at this meeting, and those still open from before it."""
    meeting = _meeting(source)
    actions = MeetingAction.objects.filter(series_id=meeting.series_id, raised_at__held_on__lte=meeting.held_on)
    actions = actions.filter(raised_at=meeting) | actions.open()
    return {
        "actions": [
            {
                "description": a.description,
                "owner": a.owner_display,
                "due": govuk_date(a.due_on),
                "status": a.get_status_display(),
                "new": a.raised_at_id == meeting.pk,
                "overdue": a.status == MeetingAction.Status.OPEN and a.due_on < clock.today(),
            }
            for a in actions.select_related("owner").order_by("due_on", "pk")
        ]
    }


MEETING_PACK_SECTIONS = [
    ("The meeting", "agreements/report_sections/meeting.html", meeting_cover),
    ("Agenda", "agreements/report_sections/agenda.html", meeting_agenda),
    ("Minutes", "agreements/report_sections/minutes.html", meeting_minutes),
    ("Actions", "agreements/report_sections/actions.html", meeting_actions),
]


def board_agreement(source: ReportSource) -> dict:
    """For the ALMO's board: the agreement in force, open interventions either way, and overdue actions."""
    almo = source.almo
    if almo is None:
        return {"has_data": False}
    agreement = ManagementAgreement.objects.owned_by(almo=almo).in_force().first()
    interventions = Intervention.objects.owned_by(almo=almo).open().select_related("current_stage")
    return {
        "has_data": True,
        "agreement": {
            "title": str(agreement),
            "term": f"{govuk_date(agreement.starts_on)} to {govuk_date(agreement.initial_end_on)}",
            "fee": format_money(agreement.management_fee),
            "dates": [(label, govuk_date(day)) for _name, label, day in agreement.key_dates()],
        }
        if agreement
        else None,
        "interventions": [
            {"title": i.title, "about": i.get_about_party_display(), "stage": i.current_stage.name}
            for i in interventions.order_by("started_on")
        ],
        "overdue_actions": MeetingAction.objects.owned_by(almo=almo).overdue().count(),
    }


def register() -> None:
    for order, (title, template, selector) in enumerate(MEETING_PACK_SECTIONS, start=1):
        registries.report_sections.register(
            registries.ReportSection(MEETING_PACK, template, selector, title, order=order * 10)
        )
    registries.report_sections.register(
        registries.ReportSection(
            BOARD_PACK,
            "agreements/report_sections/board_agreement.html",
            board_agreement,
            "Management agreement and intervention ladder",
            order=60,
        )
    )
