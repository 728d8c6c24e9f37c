"""Querysets for tenant voice: where each record belongs for the one access rule, and reusable filters."""

from django.db.models import Q

from organisations.access import EITHER_PARTY, Party, ScopedQuerySet


class InvolvementGroupQuerySet(ScopedQuerySet):
    """An ALMO's panels, forums and groups: its staff keep them; its council reads them."""

    almo_path = "almo"
    council_path = "almo__council"
    write_parties = {"change": Party.ALMO}

    def active(self):
        return self.filter(is_active=True)


class GroupPartQuerySet(ScopedQuerySet):
    """Members, meetings and recommendations of a group."""

    almo_path = "group__almo"
    council_path = "group__almo__council"
    write_parties = {"change": Party.ALMO, "respond": Party.ALMO}


class RecommendationQuerySet(GroupPartQuerySet):
    def awaiting_response(self):
        return self.filter(status="awaiting")


class SurveyQuerySet(ScopedQuerySet):
    """The ALMO runs the survey; the council, as the registered landlord, agrees the results with it."""

    almo_path = "almo"
    council_path = "almo__council"
    # Each side agrees for itself: `agree_as_council` and `agree_as_almo` say who may, for "waiting for me" lists.
    write_parties = {
        "change": Party.ALMO,
        "agree": EITHER_PARTY,
        "agree_as_council": Party.COUNCIL,
        "agree_as_almo": Party.ALMO,
    }

    def agreed(self):
        return self.filter(council_agreed_at__isnull=False, almo_agreed_at__isnull=False)

    def awaiting_agreement(self):
        return self.filter(achieved__gt=0).filter(Q(council_agreed_at__isnull=True) | Q(almo_agreed_at__isnull=True))


class SurveyPartQuerySet(ScopedQuerySet):
    """A survey's responses and aggregate counts. Respondent-level rows never leave the app through the API."""

    almo_path = "survey__almo"
    council_path = "survey__almo__council"
    write_parties = {"change": Party.ALMO}
