"""Reads for the benchmarking and Tenant Satisfaction Measures exports.

The benchmarking export streams: two server-side cursors, ordered the same way, are walked together.
- The caller's rows: the actuals they may see (the access rule), for ALMOs in the peer group, one per
  organisation x indicator x period. Accepted figures, and submitted ones not yet accepted ("provisional").
- The peer group's accepted figures, for every member, whether or not the caller may see it. Only their
  quartiles, count and ranks leave this module; no peer's own figure does.
Memory holds one indicator-period's rows and peer figures at a time, so it stays flat however many rows there are.
Someone who may see every member of the peer group needs no second read: the peers' figures are their own rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby

from django.db import transaction
from django.db.models import Case, IntegerField, QuerySet, Value, When

from benchmarking import quartiles as q
from benchmarking.models import PeerGroup
from core.periods import Period, export_period
from delivery_plans.models import Actual, DeliveryPlan, Indicator, PlanIndicator, Return
from organisations.models import Almo, Council

ACCEPTED, DRAFT = Return.Status.ACCEPTED, Return.Status.DRAFT
CHUNK = 5000

COLUMNS = (
    "organisation_code",
    "organisation_name",
    "council_code",
    "council_name",
    "peer_group",
    "indicator_code",
    "indicator_name",
    "period",
    "value",
    "numerator",
    "denominator",
    "unit",
    "polarity",
    "quartile_position",
    "rank",
    "peer_count",
    "lower_quartile",
    "median",
    "upper_quartile",
    "data_status",
)


def _same(value):
    return value


@dataclass(frozen=True)
class Formats:
    """How the caller's format writes each kind of cell. Names are formatted once each, not once a row."""

    text: Callable = _same
    number: Callable = _same
    integer: Callable = _same


def indicator_ranks() -> dict[int, int]:
    """Each indicator's place in the natural order of codes (BV63 before BV164), the order of every surface."""
    return {
        pk: rank for rank, pk in enumerate(Indicator.objects.order_by("sort_key", "pk").values_list("pk", flat=True))
    }


def _natural_order(ranks: dict[int, int]):
    """Rows sorted by their indicator's natural place, without joining the indicator table on every row."""
    return Case(
        *(When(plan_indicator__indicator_id=pk, then=Value(rank)) for pk, rank in ranks.items()),
        default=Value(len(ranks)),
        output_field=IntegerField(),
    )


def _scope(
    queryset: QuerySet, peer_group: PeerGroup, period: Period | None, indicator_codes: list[str] | None
) -> QuerySet:
    queryset = queryset.filter(value__isnull=False, return_record__plan__almo__in=peer_group.members().values("pk"))
    if period is not None:
        quarter = 4 if period.quarter in (None, 4) else period.quarter
        queryset = queryset.filter(return_record__year=period.year, return_record__quarter=quarter)
    if indicator_codes:
        queryset = queryset.filter(plan_indicator__indicator__code__in=indicator_codes)
    return queryset


def visible_rows(user, peer_group, period=None, indicator_codes=None, ranks=None) -> QuerySet:
    """The caller's rows, by indicator, period, then organisation; an accepted figure before a provisional one."""
    return (
        _scope(Actual.objects.restrict(user, "view"), peer_group, period, indicator_codes)
        .exclude(return_record__status=DRAFT)
        .order_by(
            _natural_order(ranks if ranks is not None else indicator_ranks()),
            "return_record__year",
            "return_record__quarter",
            "return_record__plan__almo__name",
            "return_record__plan__almo_id",
            Case(When(return_record__status=ACCEPTED, then=Value(0)), default=Value(1), output_field=IntegerField()),
            "-return_record_id",
        )
    )


def peer_values(peer_group, period=None, indicator_codes=None, ranks=None) -> QuerySet:
    """Every member's accepted figures, in the same order as `visible_rows`: for statistics only."""
    return (
        _scope(Actual.objects.all(), peer_group, period, indicator_codes)
        .filter(return_record__status=ACCEPTED)
        .order_by(
            _natural_order(ranks if ranks is not None else indicator_ranks()),
            "return_record__year",
            "return_record__quarter",
            "return_record__plan__almo_id",
            "-return_record_id",
        )
        .values_list(
            "plan_indicator__indicator_id",
            "return_record__year",
            "return_record__quarter",
            "return_record__plan__almo_id",
            "value",
        )
    )


def benchmarking_rows(
    user,
    *,
    peer_group: PeerGroup,
    period: Period | None = None,
    indicator_codes: list[str] | None = None,
    formats: Formats = Formats(),
    chunk_size: int = CHUNK,
) -> Iterator[list]:
    """One row (cells in COLUMNS order) per organisation x indicator x period the caller may see.

    Read in one transaction: outside one, Django declares its server-side cursors WITH HOLD, and PostgreSQL then
    copies the whole result before sending the first row.
    """
    with transaction.atomic():
        yield from _rows(user, peer_group, period, indicator_codes, formats, chunk_size)


def _rows(user, peer_group, period, indicator_codes, formats, chunk_size) -> Iterator[list]:
    text, number, integer = formats.text, formats.number, formats.integer
    ranks = indicator_ranks()
    rows = visible_rows(user, peer_group, period, indicator_codes, ranks).values_list(
        "return_record__plan__almo_id",
        "plan_indicator__indicator_id",
        "return_record__year",
        "return_record__quarter",
        "value",
        "numerator",
        "denominator",
        "return_record__status",
    )
    # Small lookups, read once: names are joined here rather than carried on every one of a million rows.
    organisations = _organisation_cells(user, peer_group, text)
    indicators = _indicator_cells(indicator_codes, text)
    # Someone who sees every member (an administrator; a council whose ALMOs make up the group) already has the
    # peers' accepted figures in their own rows, so the second read is needed only by everyone else.
    members = set(peer_group.members().values_list("pk", flat=True))
    peers = (
        None
        if members <= organisations.keys()
        else _peer_groups(peer_group, period, indicator_codes, chunk_size, ranks)
    )
    pending = next(peers, None) if peers else None
    group_name = text(peer_group.name)
    status_text = {True: text("accepted"), False: text("provisional")}
    no_integer = integer(None)

    # Keys are (indicator's natural place, year, quarter): the order both reads are sorted in.
    for key, group in groupby(
        rows.iterator(chunk_size), key=lambda row: (ranks.get(row[1], len(ranks)), row[2], row[3])
    ):
        group = list(_latest_per_almo(group))
        if peers is None:
            values = sorted(row[4] for row in group if row[7] == ACCEPTED)
        else:
            while pending is not None and pending[0] < key:
                pending = next(peers, None)
            values = pending[1] if pending is not None and pending[0] == key else []
        _rank, year, quarter = key
        indicator_id = group[0][1]
        code, name, unit, polarity_text, polarity = indicators[indicator_id]
        head = [group_name, code, name, text(str(export_period(year, quarter)))]
        bounds = q.quartiles(values) if len(values) >= q.MIN_PEERS else None
        shown = (bounds.lower, bounds.median, bounds.upper) if bounds else (None, None, None)
        stats = [integer(len(values)), *(number(bound) for bound in shown)]
        for almo_id, _indicator, _year, _quarter, value, numerator, denominator, status in group:
            accepted = status == ACCEPTED
            if bounds is None:
                position = rank = no_integer
            else:
                position = integer(q.quartile_position(value, bounds, polarity))
                rank = integer(q.rank(value, values, polarity)) if accepted else no_integer
            yield [
                *organisations[almo_id],
                *head,
                number(value),
                number(numerator),
                number(denominator),
                unit,
                polarity_text,
                position,
                rank,
                *stats,
                status_text[accepted],
            ]


def _latest_per_almo(rows, almo_at: int = 0):
    """An ALMO's first row only: its latest accepted figure, if two plans cover the quarter (see the orderings)."""
    last = None
    for row in rows:
        if row[almo_at] != last:
            last = row[almo_at]
            yield row


def _peer_groups(peer_group, period, indicator_codes, chunk_size, ranks) -> Iterator[tuple[tuple, list[Decimal]]]:
    """(indicator's natural place, year, quarter) and the members' accepted figures, sorted: one group at a time."""
    figures = peer_values(peer_group, period, indicator_codes, ranks).iterator(chunk_size=chunk_size)
    for key, group in groupby(figures, key=lambda row: (ranks.get(row[0], len(ranks)), row[1], row[2])):
        yield key, sorted(value for _i, _y, _q, _almo, value in _latest_per_almo(group, almo_at=3))


def _organisation_cells(user, peer_group: PeerGroup, text) -> dict[int, list]:
    almos = (
        Almo.objects.restrict(user, "view")
        .filter(pk__in=peer_group.members().values("pk"))
        .select_related("council")
        .only("slug", "name", "council__ons_code", "council__name")
    )
    return {
        almo.pk: [text(almo.slug), text(almo.name), text(almo.council.ons_code), text(almo.council.name)]
        for almo in almos
    }


def _indicator_cells(indicator_codes, text) -> dict[int, tuple]:
    indicators = Indicator.objects.all()
    if indicator_codes:
        indicators = indicators.filter(code__in=indicator_codes)
    return {
        pk: (text(code), text(name), text(unit), text(polarity), polarity)
        for pk, code, name, unit, polarity in indicators.values_list("pk", "code", "name", "unit", "polarity")
    }


# Tenant Satisfaction Measures ------------------------------------------------------------------

TSM_SUFFIXES = {
    Indicator.ReportingLevel.LCRA_LCHO: ("LCRA", "LCHO"),
    Indicator.ReportingLevel.LCRA: ("LCRA",),
    Indicator.ReportingLevel.LCHO: ("LCHO",),
}


@dataclass(frozen=True)
class TsmColumn:
    name: str  # as in the Regulator's published data, e.g. CH01_1_Calculated_Value_LCRA
    code: str  # the measure, e.g. CH01(1)
    tenure: str  # "LCRA", "LCHO" or "" for a single or combined value


def tsm_columns() -> list[TsmColumn]:
    """A column per measure and tenure, in the library's order: TP01 to TP12, RP, BS, CH, NM."""
    columns = []
    for indicator in Indicator.objects.library().filter(source=Indicator.Source.TSM).order_by("pk"):
        base = indicator.code.replace("(", "_").replace(")", "")
        for tenure in TSM_SUFFIXES.get(indicator.reporting_level, ("",)):
            suffix = f"_{tenure}" if tenure else ""
            columns.append(TsmColumn(f"{base}_Calculated_Value{suffix}", indicator.code, tenure))
    return columns


def tsm_table(user, year: int) -> tuple[list[str], list[dict]]:
    """The council's Tenant Satisfaction Measures for one financial year, a row per council (the landlord).

    Each value combines the council's ALMOs' numerators and denominators from their accepted Q4 returns
    (year to date, so the whole year): sum of numerators / sum of denominators x the measure's multiplier, never
    an average of the ALMOs' percentages. A value is left empty unless every ALMO whose plan for the year monitors
    the measure has an accepted figure for it. A council appears only to people who may see all of its ALMOs,
    since its figures are made of all of theirs.

    LCRA and LCHO: an ALMO's figure for a library measure is its LCRA figure (or its single figure, for measures
    not split by tenure). An ALMO with shared-ownership homes reports the LCHO figure against a local indicator
    of its council with the same code and the reporting level "LCHO".
    """
    columns = tsm_columns()
    library = {i.code: i for i in Indicator.objects.library().filter(source=Indicator.Source.TSM)}
    councils = _whole_councils(user)
    expected = _tsm_expected(library, councils, year)
    sums = _tsm_sums(user, library, councils, year)
    rows = []
    for council in councils:
        row = {"ProviderNumber": council.ons_code, "ProviderType": "LARP"}
        for column in columns:
            key = f"{column.code}|{column.tenure}"
            totals = sums.get((council.pk, key))
            complete = totals is not None and totals[2] >= expected.get((council.pk, key), set())
            row[column.name] = library[column.code].compute(totals[0], totals[1]) if complete and totals[1] else None
        rows.append(row)
    return ["ProviderNumber", "ProviderType", *(column.name for column in columns)], rows


def _tsm_expected(library: dict, councils, year: int) -> dict[tuple[int, str], set[int]]:
    """For each council and measure, the ALMOs whose plan for the year monitors it: all must report."""
    covering = {"first_year__lte": year, "last_year__gte": year}
    expected: dict[tuple[int, str], set[int]] = {}
    monitored = (
        PlanIndicator.objects.filter(
            plan__almo__council__in=councils, indicator__code__in=list(library), is_active=True, **_prefixed(covering)
        )
        .exclude(plan__status=DeliveryPlan.Status.DRAFT)
        .values_list(
            "plan__almo__council_id",
            "plan__almo_id",
            "indicator__code",
            "indicator__council_id",
            "indicator__reporting_level",
        )
    )
    for council_id, almo_id, code, local_council, level in monitored:
        key = _tsm_key(library[code], local_council, level)
        if key is not None:
            expected.setdefault((council_id, key), set()).add(almo_id)
    return expected


def _tsm_sums(user, library: dict, councils, year: int) -> dict[tuple[int, str], list]:
    """For each council and measure: the sum of numerators, of denominators, and the ALMOs that reported."""
    actuals = (
        Actual.objects.restrict(user, "view")
        .filter(
            return_record__year=year,
            return_record__quarter=4,
            return_record__status=ACCEPTED,
            return_record__plan__almo__council__in=councils,
            plan_indicator__indicator__code__in=list(library),
            numerator__isnull=False,
            denominator__isnull=False,
        )
        .values_list(
            "return_record__plan__almo__council_id",
            "return_record__plan__almo_id",
            "plan_indicator__indicator__code",
            "plan_indicator__indicator__council_id",
            "plan_indicator__indicator__reporting_level",
            "numerator",
            "denominator",
        )
        .order_by("return_record__plan__almo_id", "-return_record__plan__first_year", "-return_record_id")
    )
    sums: dict[tuple[int, str], list] = {}
    seen = set()
    for council_id, almo_id, code, local_council, level, numerator, denominator in actuals:
        key = _tsm_key(library[code], local_council, level)
        if key is None or (almo_id, key) in seen:
            continue  # not a TSM return; or an older plan's figure, where two plans cover the year
        seen.add((almo_id, key))
        totals = sums.setdefault((council_id, key), [Decimal(0), Decimal(0), set()])
        totals[0] += numerator
        totals[1] += denominator
        totals[2].add(almo_id)
    return sums


def _prefixed(lookups: dict) -> dict:
    return {f"plan__{name}": value for name, value in lookups.items()}


def _tsm_key(measure: Indicator, local_council: int | None, level: str) -> str | None:
    """Which column an ALMO's figure fills, as `code|tenure`; None if the indicator is not a TSM return."""
    if local_council is None:
        return f"{measure.code}|{'LCRA' if measure.reporting_level in TSM_SUFFIXES else ''}"
    if level == Indicator.ReportingLevel.LCHO and measure.reporting_level == Indicator.ReportingLevel.LCRA_LCHO:
        return f"{measure.code}|LCHO"
    return None  # a council's own indicator that happens to share a code


def _whole_councils(user) -> list[Council]:
    """Councils the user may see every ALMO of: only they may see figures combined from all of them."""
    visible = set(Almo.objects.restrict(user, "view").values_list("pk", flat=True))
    councils = []
    for council in Council.objects.restrict(user, "view").prefetch_related("almos").order_by("name"):
        almo_ids = {almo.pk for almo in council.almos.all()}
        if almo_ids and almo_ids <= visible:
            councils.append(council)
    return councils
