"""Querysets for agreements, meetings and the intervention ladder: the access rule, and reusable filters."""

from __future__ import annotations

from core import clock
from organisations.access import ADMINISTRATOR, EITHER_PARTY, Party, ScopedQuerySet


class AgreementQuerySet(ScopedQuerySet):
    """The council drafts a version; either party agrees it (the service checks which side acts)."""

    almo_path = "almo"
    council_path = "almo__council"
    write_parties = {"change": Party.COUNCIL, "agree": EITHER_PARTY}

    def in_force(self):
        return self.filter(status="in_force")


class AgreementPartQuerySet(ScopedQuerySet):
    """Delegated functions, financial limits and clauses: drafted by the council with their agreement."""

    almo_path = "agreement__almo"
    council_path = "agreement__almo__council"
    write_parties = {"change": Party.COUNCIL}


class SeriesQuerySet(ScopedQuerySet):
    """Standing meetings: officers of either side arrange them and keep their records."""

    almo_path = "almo"
    council_path = "almo__council"
    write_parties = {"change": EITHER_PARTY}


class MeetingQuerySet(ScopedQuerySet):
    almo_path = "series__almo"
    council_path = "series__almo__council"
    write_parties = {"change": EITHER_PARTY}

    def upcoming(self, today=None):
        return self.filter(held_on__gte=today or clock.today(), status="planned")


class MeetingPartQuerySet(ScopedQuerySet):
    """Agenda items of a meeting."""

    almo_path = "meeting__series__almo"
    council_path = "meeting__series__almo__council"
    write_parties = {"change": EITHER_PARTY}


class ActionQuerySet(ScopedQuerySet):
    almo_path = "series__almo"
    council_path = "series__almo__council"
    write_parties = {"change": EITHER_PARTY}

    def open(self):
        return self.filter(status="open")

    def overdue(self, today=None):
        return self.open().filter(due_on__lt=today or clock.today())


class StageQuerySet(ScopedQuerySet):
    """The rungs of the ladder are reference data: everyone reads them, administrators change them."""

    everyone_reads = True
    almo_path = None
    council_path = None
    write_parties = {"change": ADMINISTRATOR}


class InterventionQuerySet(ScopedQuerySet):
    """Either party may put the other on the ladder; the service checks who may take each step."""

    almo_path = "almo"
    council_path = "almo__council"
    write_parties = {"change": EITHER_PARTY}

    def open(self):
        return self.filter(status="open")


class InterventionPartQuerySet(ScopedQuerySet):
    """Steps of an intervention."""

    almo_path = "intervention__almo"
    council_path = "intervention__almo__council"
    write_parties = {"change": EITHER_PARTY}


class StepPartQuerySet(ScopedQuerySet):
    """Deadlines and notices of a step."""

    almo_path = "step__intervention__almo"
    council_path = "step__intervention__almo__council"
    write_parties = {"change": EITHER_PARTY}

    def pending(self):
        return self.filter(met_on__isnull=True, due_on__isnull=False, step__intervention__status="open")
