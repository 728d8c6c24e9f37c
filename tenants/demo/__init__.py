"""Demo tenant voice for the fictional ALMOs of `organisations.demo`. None of it is real.

Each ALMO gets rented-homes (LCRA) surveys for 2024/25 and 2025/26, agreed by both sides (so 2025/26 has a trend
and feeds that year's Q4 return), and a 2026/27 survey whose results are in and agreed by the ALMO only, waiting
for the council. Ashby Vale's 2026/27 survey falls short of the required precision. Kelworth Homes, with shared
owners, also has an LCHO survey; Harrowfield Central's 2024/25 survey came from a survey house as totals.
Each ALMO has a tenants' panel, a scrutiny panel and an older persons' forum with members, meetings and
recommendations, one answered and one waiting.

Everything goes through the services, as the ALMO's staff and the council's officers, so the results, history and
notifications are what the portal itself would make. Responses come from `random.Random`, seeded by the ALMO and
year, never from the clock. Safe to run again: a survey that has results, and a group that exists, are left alone.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model

from organisations.models import Almo
from organisations.notifications import in_portal_only
from tenants.demo import involvement, surveys

# ALMO slug -> (its staff's username, its council's officer's username)
PEOPLE = {
    "harrowfield-north-homes": ("north.staff", "council.officer"),
    "harrowfield-central-homes": ("central.staff", "council.officer"),
    "harrowfield-south-homes": ("south.staff", "council.officer"),
    "kelworth-homes": ("kelworth.staff", "kelworth.officer"),
    "ashby-vale-homes": ("ashby.staff", "ashby.officer"),
}


def load() -> None:
    users = {user.username: user for user in get_user_model().objects.filter(username__in=_usernames())}
    # The demo's people are made up: they get their notifications in the portal, and no email.
    with in_portal_only():
        for almo in Almo.objects.filter(slug__in=PEOPLE).order_by("name"):
            staff_name, officer_name = PEOPLE[almo.slug]
            staff, officer = users.get(staff_name), users.get(officer_name)
            if staff is None or officer is None:
                continue  # the organisations loader has not made this ALMO's people
            surveys.load(almo, staff, officer)
            involvement.load(almo, staff)


def _usernames() -> set[str]:
    return {name for pair in PEOPLE.values() for name in pair}
