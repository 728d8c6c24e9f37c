from organisations.access import EITHER_PARTY, ScopedQuerySet


class ReportRunQuerySet(ScopedQuerySet):
    """A run belongs to an ALMO (its return, its board pack) or to a council alone (the variance report)."""

    almo_path = "almo"
    council_path = "council"
    write_parties = {"retry": EITHER_PARTY}

    def stuck(self, older_than):
        return self.filter(status="running", started_at__lt=older_than)

    def finished(self):
        return self.filter(status__in=["done", "failed"])
