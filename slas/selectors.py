"""Reads for service level agreements: value for money, the register's rows, and the dashboard figures.

Every read starts from the one access rule (`restrict`) or, for work with no user such as a report, from the
declared owner paths (`owned_by`).
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Prefetch, Q

from core import clock
from core.numbers import round_half_up
from slas.models import Dispute, ServiceLevelAgreement, ServiceStandard, SlaVersion, StandardResult

REVIEW_WINDOW_DAYS = 90


@dataclass(frozen=True)
class ValueForMoney:
    """An SLA's charge per home against its benchmarks: the middle one (the median) is the one that flags."""

    cost_per_home: Decimal | None
    benchmark_per_home: Decimal | None
    difference_percent: Decimal | None
    margin_percent: Decimal
    benchmark_count: int

    @property
    def above_benchmark(self) -> bool:
        return self.difference_percent is not None and self.difference_percent > self.margin_percent


def difference_percent(cost: Decimal | None, benchmark: Decimal | None) -> Decimal | None:
    if cost is None or not benchmark:
        return None
    return round_half_up((cost - benchmark) / benchmark * 100, 1)


def terms_of(sla: ServiceLevelAgreement) -> SlaVersion | None:
    """The terms in force, or for a draft the terms being negotiated."""
    if sla.current_version_id:
        return sla.current_version
    versions = getattr(sla, "open_versions", None)
    if versions is not None:
        return versions[0] if versions else None
    return sla.versions.filter(status=SlaVersion.Status.OPEN).first()


def value_for_money(sla: ServiceLevelAgreement, benchmarks=None) -> ValueForMoney:
    terms = terms_of(sla)
    cost = terms.cost_per_home(sla.almo.homes_managed) if terms else None
    figures = [b.cost_per_home for b in (sla.benchmarks.all() if benchmarks is None else benchmarks)]
    median = round_half_up(statistics.median(figures), 2) if figures else None
    return ValueForMoney(cost, median, difference_percent(cost, median), sla.value_margin_percent, len(figures))


def with_register_details(queryset):
    """What a list of SLAs shows, in a fixed number of queries however many rows there are."""
    return (
        queryset.select_related("almo__council", "current_version")
        .prefetch_related(
            "benchmarks",
            Prefetch(
                "versions", queryset=SlaVersion.objects.filter(status=SlaVersion.Status.OPEN), to_attr="open_versions"
            ),
        )
        .annotate(
            red_standards=Count(
                "current_version__standards", filter=Q(current_version__standards__latest_rag="red"), distinct=True
            ),
            open_disputes=Count("disputes", filter=~Q(disputes__stage="resolved"), distinct=True),
        )
    )


def register_rows(queryset) -> list[ServiceLevelAgreement]:
    return with_value(list(with_register_details(queryset)))


def with_value(rows) -> list[ServiceLevelAgreement]:
    """Each SLA of `with_register_details` with its terms and value for money worked out, with no more queries."""
    rows = list(rows)
    for sla in rows:
        sla.terms = terms_of(sla)
        sla.value = value_for_money(sla, sla.benchmarks.all())
    return rows


def standards_with_results(version: SlaVersion, count: int = 4) -> list[ServiceStandard]:
    """The standards of a version, each with its last `count` quarters' results, newest first."""
    standards = list(version.standards.all())
    results = StandardResult.objects.filter(standard__in=standards).order_by("-year", "-quarter")
    by_standard: dict[int, list] = {}
    for result in results:
        by_standard.setdefault(result.standard_id, []).append(result)
    for standard in standards:
        standard.recent = by_standard.get(standard.pk, [])[:count]
    return standards


@dataclass
class AlmoSpend:
    """One ALMO's central services: what it spends, per home, against the benchmarks, and what needs attention."""

    almo: object
    annual_spend: Decimal = Decimal(0)
    benchmarked_spend_per_home: Decimal = Decimal(0)
    benchmark_per_home: Decimal = Decimal(0)
    benchmarked: int = 0
    slas: int = 0
    due_for_review: int = 0
    red_standards: int = 0
    above_benchmark: int = 0

    @property
    def cost_per_home(self) -> Decimal | None:
        homes = self.almo.homes_managed
        return round_half_up(self.annual_spend / homes, 2) if homes else None

    @property
    def difference_percent(self) -> Decimal | None:
        """Over the SLAs that have benchmarks only, so an SLA with none does not count against the ALMO."""
        if not self.benchmarked:
            return None
        return difference_percent(self.benchmarked_spend_per_home, self.benchmark_per_home)


def spend_by_almo(queryset, today: dt.date | None = None) -> list[AlmoSpend]:
    """Spend on central services for each ALMO, from SLAs with terms in force."""
    today = today or clock.today()
    review_by = today + dt.timedelta(days=REVIEW_WINDOW_DAYS)
    spends: dict[int, AlmoSpend] = {}
    for sla in register_rows(queryset.live()):
        spend = spends.setdefault(sla.almo_id, AlmoSpend(sla.almo))
        terms = sla.current_version
        spend.slas += 1
        spend.annual_spend += terms.annual_charge
        spend.red_standards += sla.red_standards
        spend.due_for_review += int(today <= terms.review_date <= review_by)
        if sla.value.benchmark_per_home is not None and sla.value.cost_per_home is not None:
            spend.benchmarked += 1
            spend.benchmarked_spend_per_home += sla.value.cost_per_home
            spend.benchmark_per_home += sla.value.benchmark_per_home
            spend.above_benchmark += int(sla.value.above_benchmark)
    return sorted(spends.values(), key=lambda spend: spend.almo.name)


def due_for_review(queryset, today: dt.date | None = None, days: int = REVIEW_WINDOW_DAYS):
    today = today or clock.today()
    return (
        queryset.due_for_review(today, days)
        .select_related("almo", "current_version")
        .order_by("current_version__review_date", "title")
    )


def red_standards(queryset):
    """The standards in force whose latest quarter is red, from a queryset of SLAs."""
    return (
        ServiceStandard.objects.filter(version__sla__in=queryset.live(), latest_rag="red")
        .filter(version__sla__current_version=F("version"))
        .select_related("version__sla__almo")
        .order_by("version__sla__almo__name", "version__sla__title", "title")
    )


def open_disputes(queryset):
    return Dispute.objects.filter(sla__in=queryset).open().select_related("sla__almo")
