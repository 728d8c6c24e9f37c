"""Building the agreements demo, one ALMO at a time, through the services on a pinned clock."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from contextlib import contextmanager
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from simple_history.models import HistoricalRecords

from agreements import services
from agreements.agenda import open_concern_choices
from agreements.demo import content
from agreements.models import InterventionStage, ManagementAgreement, MeetingAction, MeetingSeries
from core.clock import following_the_clock
from organisations.access import Party
from organisations.models import Almo

LONDON = ZoneInfo("Europe/London")
TODAY = dt.date(2026, 11, 25)
User = get_user_model()


class _Clock:
    """Stands in for `django.utils.timezone.now` while the demo loads."""

    def __init__(self) -> None:
        self.moment = dt.datetime.combine(TODAY, dt.time(9), tzinfo=LONDON)

    def at(self, day: dt.date, hour: int = 10) -> None:
        if day > TODAY:
            raise ValueError(f"The demo cannot do anything after {TODAY}: {day} was asked for.")
        self.moment = dt.datetime.combine(day, dt.time(hour), tzinfo=LONDON)

    def now(self) -> dt.datetime:
        return self.moment.astimezone(dt.UTC)


@contextmanager
def _pinned_clock() -> Iterator[_Clock]:
    clock = _Clock()
    real_now = timezone.now
    timezone.now = clock.now
    try:
        with following_the_clock():
            yield clock
    finally:
        timezone.now = real_now


def _act(service, actor, **kwargs):
    """Call a service as `actor`, named on any history row the service does not name itself."""
    context = HistoricalRecords.context
    outer = getattr(context, "request", None)
    context.request = SimpleNamespace(user=actor)
    try:
        return service(actor=actor, **kwargs)
    finally:
        if outer is None:
            del context.request
        else:
            context.request = outer


def load() -> None:
    almos = {a.slug: a for a in Almo.objects.select_related("council").filter(slug__in=content.PEOPLE)}
    missing = sorted(set(content.PEOPLE) - set(almos))
    if missing:
        raise RuntimeError(f"Load organisations.demo first: no ALMO with the slug {', '.join(missing)}.")
    users = {u.username: u for u in User.objects.filter(username__in=content.usernames())}
    with _pinned_clock() as clock:
        for slug, (officer_name, staff_name) in content.PEOPLE.items():
            almo = almos[slug]
            if ManagementAgreement.objects.filter(almo=almo, title=content.AGREEMENT_TITLE).exists():
                continue
            officer, staff = users[officer_name], users[staff_name]
            with transaction.atomic():
                _agreement(almo, officer, staff, clock)
                _meetings(almo, officer, staff, clock)
                _ladder(almo, officer, staff, clock)


def _agreement(almo, officer, staff, clock) -> None:
    clock.at(dt.date(2024, 3, 4))
    terms = content.agreement_terms(almo)
    agreement = _act(services.agreement_create, officer, almo=almo, **terms)
    for kind, rows in (
        ("functions", content.FUNCTIONS),
        ("limits", content.LIMITS),
        ("clauses", content.CLAUSES),
    ):
        for row in rows:
            _act(services.part_save, officer, agreement=agreement, kind=kind, **row)
    clock.at(dt.date(2024, 3, 11))
    _act(services.agreement_agree, officer, agreement=agreement)
    clock.at(dt.date(2024, 3, 18))
    _act(services.agreement_agree, staff, agreement=agreement)


def _liaison_dates() -> list[dt.date]:
    """The second Wednesday of each month from December 2025 to next month, December 2026."""
    dates = []
    month = dt.date(2025, 12, 1)
    while month <= dt.date(2026, 12, 1):
        first_wednesday = month + dt.timedelta(days=(2 - month.weekday()) % 7)
        dates.append(first_wednesday + dt.timedelta(days=7))
        month += relativedelta(months=1)
    return dates


def _meetings(almo, officer, staff, clock) -> None:
    rng = random.Random(almo.slug)
    clock.at(dt.date(2025, 11, 3))
    liaison = _act(
        services.series_save,
        officer,
        almo=almo,
        members=[officer, staff],
        kind=MeetingSeries.Kind.OFFICER_LIAISON,
        name="Officer liaison meeting",
        frequency=MeetingSeries.Frequency.MONTHLY,
        chair=officer,
        chair_name="",
        outside_members=content.LIAISON_OUTSIDERS,
    )
    _act(
        services.series_save,
        officer,
        almo=almo,
        members=[officer, staff],
        kind=MeetingSeries.Kind.MONITORING_BOARD,
        name="Quarterly monitoring board",
        frequency=MeetingSeries.Frequency.QUARTERLY,
        chair=None,
        chair_name=content.portfolio_holder(almo),
        outside_members=content.BOARD_OUTSIDERS,
    )
    for index, held_on in enumerate(_liaison_dates()):
        clock.at(min(held_on - dt.timedelta(days=14), TODAY), hour=9)
        meeting = _act(services.meeting_schedule, officer, series=liaison, held_on=held_on, location="Civic Centre")
        if held_on > TODAY:
            continue  # next month's meeting: planned, its agenda made from today's figures
        clock.at(held_on, hour=11)
        _act(services.agenda_build, officer, meeting=meeting)
        _act(services.agenda_item_add, staff, meeting=meeting, **content.OTHER_ITEMS[index % len(content.OTHER_ITEMS)])
        _close_actions(liaison, held_on, staff, rng, index)
        items = {
            item.pk: {"minutes": content.item_minute(item, rng), "decision": content.item_decision(item, rng)}
            for item in meeting.items.all()[:4]
        }
        clock.at(held_on, hour=15)
        _act(
            services.minutes_record,
            officer,
            meeting=meeting,
            summary=content.summary(held_on, rng),
            attendees=f"{officer.get_full_name()}\n{staff.get_full_name()}\nHead of housing strategy",
            apologies="Finance business partner" if index % 3 == 0 else "",
            items=items,
        )
        for owner, description in content.actions_for(index, officer, staff, rng):
            _act(
                services.action_raise,
                officer,
                meeting=meeting,
                description=description,
                due_on=held_on + dt.timedelta(days=rng.choice([14, 21, 28, 35])),
                owner=owner,
            )


def _close_actions(series, held_on, staff, rng, index) -> None:
    """At each meeting most actions due by then are reported done; a few stay open and go overdue."""
    for action in MeetingAction.objects.open().filter(series=series, due_on__lte=held_on).order_by("pk"):
        if (action.pk + index) % 4 == 0:
            continue
        _act(services.action_update, staff, action=action, status="done", closing_note=rng.choice(content.DONE_NOTES))


def _ladder(almo, officer, staff, clock) -> None:
    stages = {stage.code: stage for stage in InterventionStage.objects.all()}
    if almo.slug == "kelworth-homes":
        concerns = [c["title"] for c in open_concern_choices(almo, dt.date(2026, 9, 14)) if c["about"] == "ALMO"]
        clock.at(dt.date(2026, 9, 14))
        intervention = _act(
            services.intervention_start,
            officer,
            almo=almo,
            about_party=Party.ALMO,
            title="Gas and fire safety checks behind programme",
            failure=content.KELWORTH_FAILURE,
            concern_title=concerns[0] if concerns else "",
            started_on=dt.date(2026, 9, 14),
        )
        clock.at(dt.date(2026, 9, 25))
        report = intervention.steps.get().deadlines.get(position=1)
        _act(services.deadline_meet, staff, deadline=report, met_on=dt.date(2026, 9, 25), note="Report sent.")
        clock.at(dt.date(2026, 11, 2))
        _act(
            services.intervention_escalate,
            officer,
            intervention=intervention,
            stage=stages["remedial_plan"],
            reason="The exception report showed no recovery in October, so the performance surgery is skipped: "
            "the council needs a formal remedial plan.",
            started_on=dt.date(2026, 11, 2),
        )
        clock.at(dt.date(2026, 11, 4))
        _act(
            services.notice_serve,
            officer,
            intervention=intervention,
            subject="Remedial plan required under clause 14.2",
            text=content.KELWORTH_NOTICE,
            response_working_days=20,
            served_on=dt.date(2026, 11, 4),
        )
    elif almo.slug == "harrowfield-south-homes":
        clock.at(dt.date(2026, 11, 9))
        _act(
            services.intervention_start,
            staff,
            almo=almo,
            about_party=Party.COUNCIL,
            title="Management fee paid late two months running",
            failure=content.SOUTH_FAILURE,
            started_on=dt.date(2026, 11, 9),
        )
