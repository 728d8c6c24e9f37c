"""Querysets for service level agreements: where each record belongs under the one access rule, and filters."""

import datetime as dt

from organisations.access import EITHER_PARTY, ScopedQuerySet

LIVE = ("in_force", "under_review")


class SlaQuerySet(ScopedQuerySet):
    """The SLA register. Either party drafts, agrees, records performance, benchmarks and raises disputes."""

    almo_path = "almo"
    council_path = "almo__council"
    write_parties = {"change": EITHER_PARTY}

    def live(self):
        """SLAs with terms both parties have agreed that have not ended."""
        return self.filter(status__in=LIVE)

    def due_for_review(self, today: dt.date, days: int):
        return self.live().filter(
            current_version__review_date__gte=today, current_version__review_date__lte=today + dt.timedelta(days=days)
        )


class VersionQuerySet(ScopedQuerySet):
    almo_path = "sla__almo"
    council_path = "sla__almo__council"
    write_parties = {"change": EITHER_PARTY}

    def open(self):
        return self.filter(status="open")


class StandardQuerySet(ScopedQuerySet):
    almo_path = "version__sla__almo"
    council_path = "version__sla__almo__council"
    write_parties = {"change": EITHER_PARTY}

    def red(self):
        return self.filter(latest_rag="red")


class ResultQuerySet(ScopedQuerySet):
    almo_path = "standard__version__sla__almo"
    council_path = "standard__version__sla__almo__council"
    write_parties = {"change": EITHER_PARTY}

    def red(self):
        return self.filter(rag="red")


class BenchmarkQuerySet(ScopedQuerySet):
    almo_path = "sla__almo"
    council_path = "sla__almo__council"
    write_parties = {"change": EITHER_PARTY}


class DisputeQuerySet(ScopedQuerySet):
    almo_path = "sla__almo"
    council_path = "sla__almo__council"
    write_parties = {"change": EITHER_PARTY}

    def open(self):
        return self.exclude(stage="resolved")


class DisputeEventQuerySet(ScopedQuerySet):
    almo_path = "dispute__sla__almo"
    council_path = "dispute__sla__almo__council"
    write_parties = {"change": EITHER_PARTY}


class ReminderQuerySet(ScopedQuerySet):
    almo_path = "sla__almo"
    council_path = "sla__almo__council"
    write_parties = {"change": EITHER_PARTY}
