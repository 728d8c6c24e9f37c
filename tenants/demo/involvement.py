"""Demo involvement groups: a panel, a scrutiny panel and an older persons' forum for each ALMO."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from organisations.models import BoardMember
from tenants import services
from tenants.models import InvolvementGroup

GROUPS = [
    (
        "Tenants' and leaseholders' panel",
        InvolvementGroup.Kind.PANEL,
        "The ALMO's main tenant body: it is consulted on the delivery plan, policies and the annual report.",
    ),
    (
        "Repairs scrutiny panel",
        InvolvementGroup.Kind.SCRUTINY,
        "Tenants who review one service in depth each year and recommend improvements to the board.",
    ),
    (
        "Older persons' forum",
        InvolvementGroup.Kind.OLDER_PERSONS,
        "Residents of sheltered schemes and older tenants across the area.",
    ),
]
MEMBERS = [
    ("Doreen Ashworth", "tenant", "chair"),
    ("Kwame Boateng", "tenant", "vice_chair"),
    ("Lin Zhou", "leaseholder", "secretary"),
    ("Patrick Doyle", "tenant", "member"),
    ("Amira Saleh", "tenant", "member"),
]


@transaction.atomic
def load(almo, staff) -> None:
    if InvolvementGroup.objects.filter(almo=almo).exists():
        return
    seat = BoardMember.objects.filter(board__almo=almo, category=BoardMember.Category.TENANT).order_by("name").first()
    for index, (name, kind, purpose) in enumerate(GROUPS):
        group = services.group_create(
            actor=staff,
            almo=almo,
            name=name,
            kind=kind,
            purpose=purpose,
            founded_on=dt.date(2019, 5, 1),
            is_active=True,
        )
        for position, (member, tenure, office) in enumerate(MEMBERS[: 5 - index]):
            services.member_add(
                actor=staff,
                group=group,
                name=f"{member} ({almo.name.split()[0]})" if index else member,
                tenure=tenure,
                office=office,
                joined_on=dt.date(2021, 1 + position, 10),
                board_seat=seat if index == 0 and position == 0 else None,
            )
        if index < 2:
            _meeting_and_recommendations(staff, group)


def _meeting_and_recommendations(staff, group) -> None:
    """A meeting, a recommendation the ALMO has answered, and one waiting for its response."""
    meeting = services.meeting_record(
        actor=staff,
        group=group,
        held_on=dt.date(2026, 9, 15),
        subject="Repairs appointments and the tenant survey results",
        attendance=4,
        notes="The panel reviewed the 2025/26 survey results with the head of repairs.",
    )
    answered = services.recommendation_record(
        actor=staff,
        group=group,
        title="Offer evening and Saturday repair appointments",
        detail=("Tenants who work cannot take a day off for a repair. Offer appointments until 8pm and on Saturdays."),
        made_on=dt.date(2026, 6, 12),
        respond_by=dt.date(2026, 7, 31),
    )
    services.recommendation_respond(
        actor=staff,
        recommendation=answered,
        status="partly_accepted",
        response=(
            "Evening appointments until 7pm from October 2026; Saturdays for emergencies only, reviewed in a year."
        ),
    )
    services.recommendation_record(
        actor=staff,
        group=group,
        meeting=meeting,
        title="Text tenants the day before a repair visit",
        detail="Missed appointments fell where reminders were sent. Send a text the day before every visit.",
        made_on=dt.date(2026, 9, 15),
        respond_by=dt.date(2027, 1, 25),
    )
