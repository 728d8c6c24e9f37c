"""Querysets for Delivery Plans: the access rule for each record, and reusable filters."""

from django.db.models import BooleanField, ExpressionWrapper, Q

from core import clock
from organisations.access import EITHER_PARTY, Party, ScopedQuerySet


class IndicatorQuerySet(ScopedQuerySet):
    """Library indicators (no council) are for everyone; a council's local indicators for its people and ALMOs."""

    almo_path = None
    council_path = "council"
    shared_with_almos = True
    open_when_unowned = True
    write_parties = {"change": Party.COUNCIL}

    def library(self):
        return self.filter(council__isnull=True)


class DeliveryPlanQuerySet(ScopedQuerySet):
    almo_path = "almo"
    council_path = "almo__council"
    write_parties = {"change": EITHER_PARTY, "sign": EITHER_PARTY, "propose": EITHER_PARTY, "raise": EITHER_PARTY}

    def in_force(self):
        return self.filter(status="in_force")


class PlanPartQuerySet(ScopedQuerySet):
    """Objectives, plan indicators, targets and delegations: changed only by joint agreement."""

    almo_path = "plan__almo"
    council_path = "plan__almo__council"
    write_parties = {"change": EITHER_PARTY}


class TargetQuerySet(ScopedQuerySet):
    almo_path = "plan_indicator__plan__almo"
    council_path = "plan_indicator__plan__almo__council"
    write_parties = {"change": EITHER_PARTY}

    def for_period(self, year, quarter):
        return self.filter(year=year, quarter=quarter)


class ReturnQuerySet(ScopedQuerySet):
    almo_path = "plan__almo"
    council_path = "plan__almo__council"
    # The ALMO fills in and submits; the council reviews (queries and accepts).
    write_parties = {"change": Party.ALMO, "submit": Party.ALMO, "review": Party.COUNCIL}

    def awaiting_review(self):
        return self.filter(status__in=["submitted", "resubmitted"])

    def with_overdue(self, today=None):
        """Each return marked `overdue`: past its due date and not yet accepted by the council."""
        today = today or clock.today()
        overdue = Q(due_on__lt=today) & ~Q(status="accepted")
        return self.annotate(overdue=ExpressionWrapper(overdue, output_field=BooleanField()))


class ActualQuerySet(ScopedQuerySet):
    almo_path = "return_record__plan__almo"
    council_path = "return_record__plan__almo__council"
    write_parties = {"change": Party.ALMO, "query": Party.COUNCIL}

    def red(self):
        return self.filter(rag="red")

    def needing_commentary(self):
        return self.filter(rag__in=["red", "amber"])


class QueryQuerySet(ScopedQuerySet):
    almo_path = "actual__return_record__plan__almo"
    council_path = "actual__return_record__plan__almo__council"
    write_parties = {"answer": Party.ALMO, "change": Party.COUNCIL}

    def open(self):
        return self.exclude(status="closed")


class AmendmentQuerySet(ScopedQuerySet):
    almo_path = "plan__almo"
    council_path = "plan__almo__council"
    # Each side decides on what the other proposed: `decide_as_council` and `decide_as_almo` say who may.
    write_parties = {
        "decide": EITHER_PARTY,
        "withdraw": EITHER_PARTY,
        "decide_as_council": Party.COUNCIL,
        "decide_as_almo": Party.ALMO,
    }

    def open(self):
        return self.filter(status="proposed")


class ConcernQuerySet(ScopedQuerySet):
    almo_path = "plan__almo"
    council_path = "plan__almo__council"
    write_parties = {"respond": EITHER_PARTY}

    def open(self):
        return self.exclude(status="closed")
