"""Querysets for the HRA and Decent Homes: where each record belongs under the one access rule, and filters.

The HRA is the council's account: a year, with its totals and checks, is read by the council's people. Each ALMO's
people read what is theirs of it: the lines their ALMO holds and its allocation agreement (fee and share of
receipts). Capital receipts, Decent Homes programmes, stock condition and investment plans belong to one ALMO too.
Another ALMO's people, even of the same council, never see any of it.
"""

from django.db.models import Q

from organisations.access import ADMINISTRATOR, EITHER_PARTY, Party, ScopedQuerySet


class LineCategoryQuerySet(ScopedQuerySet):
    """Reference data: the categories of HRA income and expenditure."""

    everyone_reads = True
    almo_path = None
    council_path = None
    write_parties = {"change": ADMINISTRATOR}


class HraYearQuerySet(ScopedQuerySet):
    almo_path = None
    council_path = "council"
    write_parties = {"change": Party.COUNCIL}


class HraLineQuerySet(ScopedQuerySet):
    """A line belongs to the ALMO that holds it, or to the council alone when it keeps the line.

    The council sets lines up (`change`). Forecasts and outturn (`report`) come from the holding ALMO's staff or
    the council's officers; a line the council keeps has no ALMO, so only its officers report it.
    """

    almo_path = "holder"
    council_path = "hra_year__council"
    write_parties = {"change": Party.COUNCIL, "report": EITHER_PARTY}

    def held_by(self, almo):
        return self.filter(holder=almo)

    def retained(self):
        return self.filter(holder__isnull=True)


class AllocationQuerySet(ScopedQuerySet):
    almo_path = "almo"
    council_path = "almo__council"
    write_parties = {"change": Party.COUNCIL, "agree": EITHER_PARTY}

    def waiting_for_agreement(self):
        return self.filter(Q(council_agreed_at__isnull=True) | Q(almo_agreed_at__isnull=True))


class CapitalReceiptQuerySet(ScopedQuerySet):
    almo_path = "allocation__almo"
    council_path = "allocation__almo__council"
    write_parties = {"change": Party.COUNCIL}


class ProgrammeQuerySet(ScopedQuerySet):
    almo_path = "almo"
    council_path = "almo__council"
    # The council sets the allocation; both agree the profile; either proposes a re-profile; the ALMO reports spend.
    write_parties = {"change": Party.COUNCIL, "agree": EITHER_PARTY, "propose": EITHER_PARTY, "report": Party.ALMO}


class ProgrammeQuarterQuerySet(ScopedQuerySet):
    almo_path = "programme__almo"
    council_path = "programme__almo__council"
    write_parties = {"report": Party.ALMO}


class ReprofileQuerySet(ScopedQuerySet):
    almo_path = "programme__almo"
    council_path = "programme__almo__council"
    write_parties = {"decide": EITHER_PARTY, "withdraw": EITHER_PARTY}

    def open(self):
        return self.filter(status="proposed")


class StockConditionQuerySet(ScopedQuerySet):
    almo_path = "almo"
    council_path = "almo__council"
    write_parties = {"change": Party.ALMO}


class InvestmentPlanQuerySet(ScopedQuerySet):
    """The 30-year investment need: worked on by both sides, so either may change it."""

    almo_path = "almo"
    council_path = "almo__council"
    write_parties = {"change": EITHER_PARTY}


class InvestmentPartQuerySet(ScopedQuerySet):
    almo_path = "plan__almo"
    council_path = "plan__almo__council"
    write_parties = {"change": EITHER_PARTY}


class ComponentQuerySet(ScopedQuerySet):
    almo_path = "archetype__plan__almo"
    council_path = "archetype__plan__almo__council"
    write_parties = {"change": EITHER_PARTY}
