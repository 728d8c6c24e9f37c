from django.db.models import Q

from organisations.access import EITHER_PARTY, ScopedQuerySet


class ReportRunQuerySet(ScopedQuerySet):
    """A run belongs to an ALMO (its return, its board pack) or to a council alone (the variance report)."""

    almo_path = "almo"
    council_path = "council"
    write_parties = {"retry": EITHER_PARTY}

    def lapsed(self, now, legacy_after):
        """Runs marked running whose worker let its lease lapse: it died, or lost the database too long.

        A run with no lease at all (claimed before leases) counts once it has run for `legacy_after`.
        """
        no_lease = Q(lease_until__isnull=True, started_at__lt=now - legacy_after)
        return self.filter(Q(lease_until__lt=now) | no_lease, status="running")

    def unsent(self, sent_before):
        """Waiting runs whose message went to the broker before `sent_before`, or never reached it."""
        never = Q(queued_at__isnull=True, created_at__lt=sent_before)
        return self.filter(Q(queued_at__lt=sent_before) | never, status="pending")

    def finished(self):
        return self.filter(status__in=["done", "failed"])
