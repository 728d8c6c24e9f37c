"""The national data set: every ALMO in England at once, to time the dashboards at the scale they must bear.

70 ALMOs under 50 councils, 50 indicators (the 40 of the shipped library and ten local ones per council), 15 years
of quarterly returns with targets, figures, RAG and commentary on the red and amber lines, and a proportionate share
of the other domains' records (national_domains.py). Everything it makes hangs off councils whose slug starts
`national-`, so `flush()` finds it again and nothing else is touched.

Rows are written with bulk_create in large batches, not through the services: the services check, notify and keep
history one record at a time, which would take hours for a quarter of a million lines. So these records have no
history and sent no mail; they are for timing pages, not for trying the portal's workflow (the demo is for that).
Figures come from `random.Random(seed)`, so two builds at the same scale and date are the same.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import time
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from core import clock, variance
from core.periods import current_period, previous_period, quarter_end, quarters_back
from delivery_plans.models import (
    Actual,
    Concern,
    DeliveryPlan,
    Indicator,
    PlanIndicator,
    Query,
    QueryMessage,
    Return,
    Target,
)
from delivery_plans.services.returns import RETURN_DAYS_AFTER_QUARTER
from organisations.access import Party, Role
from organisations.models import Almo, Board, BoardMember, Council, Membership, Region

PREFIX = "national-"
USER_PREFIX = "national."
PASSWORD = "almo-demo-2026"  # the demo's password: these people are as fictional as the demo's
COUNCILS, ALMOS, YEARS, LOCAL_INDICATORS = 50, 70, 15, 10
PLAN_YEARS = 3
BATCH = 5000
SEED = 2026

User = get_user_model()


@dataclass
class Made:
    """What a build made: counts by kind, and the time it took."""

    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def add(self, name: str, rows: list) -> list:
        self.counts[name] = self.counts.get(name, 0) + len(rows)
        return rows


def sizes(scale: float) -> tuple[int, int]:
    """Councils and ALMOs at a scale: a tenth is 5 councils and 7 ALMOs; never fewer than one of each."""
    return max(1, round(COUNCILS * scale)), max(1, round(ALMOS * scale))


def exists(scale: float = 1.0, years: int = YEARS) -> bool:
    """Whether a complete set of this size is already in the database: three cheap counts, no scan of the lines."""
    councils, almos = sizes(scale)
    last = Almo.objects.filter(slug__startswith=PREFIX).order_by("-slug").first()
    return (
        Council.objects.filter(slug__startswith=PREFIX).count() == councils
        and Almo.objects.filter(slug__startswith=PREFIX).count() == almos
        and last is not None
        # The last ALMO's returns are written last: all there means the build finished (it is one transaction too).
        and Return.objects.filter(plan__almo=last).count() == years * 4 + 1
    )


def build(*, scale: float = 1.0, years: int = YEARS, seed: int = SEED, log=print) -> Made:
    """Build the set in one transaction, then refresh the planner's statistics for the tables it filled."""
    from dashboards import national_domains

    started = time.perf_counter()
    made = Made()
    with transaction.atomic():
        builder = _Builder(made, scale=scale, years=years, seed=seed, log=log)
        builder.build()
        national_domains.build(builder, made)
    with connection.cursor() as cursor:
        # Fresh row counts, so the first dashboard read after a build is planned for the data it has.
        cursor.execute("ANALYZE")
    made.seconds = time.perf_counter() - started
    return made


def national_councils():
    return Council.objects.filter(slug__startswith=PREFIX)


def national_almos():
    return Almo.objects.filter(council__slug__startswith=PREFIX)


class _Builder:
    """Holds what each step made for the next: organisations, people, plans, then returns and their lines."""

    def __init__(self, made: Made, *, scale: float, years: int, seed: int, log) -> None:
        self.made, self.random, self.log = made, random.Random(seed), log
        self.council_count, self.almo_count = sizes(scale)
        self.today = clock.today()
        self.now = timezone.now()
        this_year, this_quarter = current_period(self.today)
        self.current = (this_year, this_quarter)
        # The quarters with a sent return: the `years * 4` quarters before this one, oldest first.
        self.periods = quarters_back(*previous_period(this_year, this_quarter), years * 4)
        self.password = make_password(PASSWORD)

    def build(self) -> None:
        self._organisations()
        self._people()
        self._indicators()
        self._plans()
        self._returns()

    # Organisations and people ------------------------------------------------------------------

    def _organisations(self) -> None:
        regions = list(Region.values)
        self.councils = Council.objects.bulk_create(
            self.made.add(
                "councils",
                [
                    Council(
                        name=f"National Test Council {n:02d}",
                        slug=f"{PREFIX}council-{n:02d}",
                        # E06 with 95xxxx: a made-up unitary code no real council has.
                        ons_code=f"E06{950000 + n:06d}",
                        kind=Council.Kind.UNITARY,
                        region=regions[n % len(regions)],
                    )
                    for n in range(1, self.council_count + 1)
                ],
            )
        )
        # The ALMOs shared out in turn, so the first councils have two (as Harrowfield has three) and the rest one.
        self.almos = Almo.objects.bulk_create(
            self.made.add(
                "almos",
                [
                    Almo(
                        name=f"National Test Homes {n:02d}",
                        slug=f"{PREFIX}homes-{n:02d}",
                        council=self.councils[(n - 1) % len(self.councils)],
                        status=Almo.Status.LIVE,
                        homes_managed=self.random.randrange(3000, 60000, 100),
                        programme_round=1 + n % 6,
                    )
                    for n in range(1, self.almo_count + 1)
                ],
            )
        )
        self.boards = Board.objects.bulk_create(
            self.made.add("boards", [Board(almo=almo, name=f"{almo.name} Board") for almo in self.almos])
        )

    def _people(self) -> None:
        """A council officer for each council, and ALMO staff and a tenant board member for each ALMO."""

        def person(username: str, first: str, last: str):
            return User(
                username=username,
                email=f"{username}@example.org",
                first_name=first,
                last_name=last,
                password=self.password,
                is_active=True,
            )

        officers = [
            person(f"{USER_PREFIX}officer.{n:02d}", "Officer", f"{n:02d}") for n in range(1, len(self.councils) + 1)
        ]
        staff = [person(f"{USER_PREFIX}staff.{n:02d}", "Staff", f"{n:02d}") for n in range(1, len(self.almos) + 1)]
        board = [person(f"{USER_PREFIX}board.{n:02d}", "Board", f"{n:02d}") for n in range(1, len(self.almos) + 1)]
        User.objects.bulk_create(self.made.add("users", officers + staff + board))
        self.officers = dict(zip((c.pk for c in self.councils), officers, strict=True))
        self.staff = dict(zip((a.pk for a in self.almos), staff, strict=True))
        memberships = [
            Membership(user=officers[i], council=c, role=Role.COUNCIL_OFFICER) for i, c in enumerate(self.councils)
        ]
        memberships += [Membership(user=staff[i], almo=a, role=Role.ALMO_STAFF) for i, a in enumerate(self.almos)]
        memberships += [Membership(user=board[i], almo=a, role=Role.BOARD_MEMBER) for i, a in enumerate(self.almos)]
        Membership.objects.bulk_create(self.made.add("memberships", memberships), batch_size=BATCH)
        seats = [
            BoardMember(
                board=self.boards[i],
                name=f"Board member {i + 1:02d}",
                category=BoardMember.Category.TENANT,
                office=BoardMember.Office.CHAIR,
                term_start=self.today - dt.timedelta(days=700),
                user=board[i],
            )
            for i in range(len(self.almos))
        ]
        BoardMember.objects.bulk_create(self.made.add("board members", seats))

    # Indicators, plans and targets -------------------------------------------------------------

    def _indicators(self) -> None:
        """The library's indicators, and ten local ones per council, so each plan monitors fifty."""
        self.library = list(Indicator.objects.library().order_by("sort_key", "pk"))
        local = []
        for council in self.councils:
            for n in range(1, LOCAL_INDICATORS + 1):
                indicator = Indicator(
                    council=council,
                    code=f"LOC{n:02d}",
                    name=f"Local measure {n}",
                    definition="A local measure the council and its ALMOs agreed.",
                    group="Local priorities",
                    unit="percentage",
                    polarity="higher" if n % 3 else "lower",
                    decimal_places=1,
                    source=Indicator.Source.LOCAL,
                )
                indicator.sort_key = f"loc{n:04d}"  # save() sets it; bulk_create does not call save()
                local.append(indicator)
        Indicator.objects.bulk_create(self.made.add("local indicators", local))
        self.local = {
            council.pk: local[i * LOCAL_INDICATORS : (i + 1) * LOCAL_INDICATORS]
            for i, council in enumerate(self.councils)
        }

    def _indicators_of(self, almo: Almo) -> list[Indicator]:
        return self.library + self.local[almo.council_id]

    def _plans(self) -> None:
        """Plans of three years each back from this year: the newest in force, the others ended."""
        last_year = self.current[0]
        first_year = self.periods[0][0]
        spans = []
        end = last_year
        while end >= first_year:
            spans.append((end - PLAN_YEARS + 1, end))
            end -= PLAN_YEARS
        plans = [
            DeliveryPlan(
                almo=almo,
                title=f"Delivery Plan {financial_span(start, end)}",
                first_year=start,
                last_year=end,
                status=DeliveryPlan.Status.IN_FORCE if end == last_year else DeliveryPlan.Status.ENDED,
                council_signed_at=self.now,
                almo_signed_at=self.now,
                council_signed_by=self.officers[almo.council_id],
                almo_signed_by=self.staff[almo.pk],
            )
            for almo in self.almos
            for start, end in spans
        ]
        DeliveryPlan.objects.bulk_create(self.made.add("plans", plans), batch_size=BATCH)
        self.plans = plans
        plan_indicators = [
            PlanIndicator(plan=plan, indicator=indicator)
            for plan in plans
            for indicator in self._indicators_of(plan.almo)
        ]
        PlanIndicator.objects.bulk_create(self.made.add("plan indicators", plan_indicators), batch_size=BATCH)
        self.plan_indicators: dict[int, list[PlanIndicator]] = {}
        for plan_indicator in plan_indicators:
            self.plan_indicators.setdefault(plan_indicator.plan_id, []).append(plan_indicator)
        # Each ALMO's level for each indicator: where its figures and targets start before drifting.
        self.levels = {
            (almo.pk, indicator.pk): _level(indicator, self.random)
            for almo in self.almos
            for indicator in self._indicators_of(almo)
        }
        targets = []
        for plan in plans:
            for plan_indicator in self.plan_indicators[plan.pk]:
                indicator = plan_indicator.indicator
                base, spread = self.levels[(plan.almo_id, indicator.pk)]
                for year in plan.years:
                    value = _round(
                        base + _improvement(indicator) * spread * (year - self.periods[0][0]) / 20, indicator
                    )
                    for quarter in (1, 2, 3, 4):
                        targets.append(
                            Target(
                                plan_indicator=plan_indicator,
                                year=year,
                                quarter=quarter,
                                value=value,
                                tolerance=_round(spread / 4, indicator),
                            )
                        )
        self.log(f"   targets: {len(targets):,}")
        Target.objects.bulk_create(self.made.add("targets", targets), batch_size=BATCH)
        self.targets = {(t.plan_indicator.plan_id, t.plan_indicator.indicator_id, t.year): t for t in targets}

    # Returns and their lines -------------------------------------------------------------------

    def _plan_for(self, almo: Almo, year: int) -> DeliveryPlan:
        return next(p for p in self.plans_of[almo.pk] if p.first_year <= year <= p.last_year)

    def _returns(self) -> None:
        """Every sent quarter's return, mostly accepted; the newest quarter partly in review; this quarter a draft."""
        self.plans_of: dict[int, list[DeliveryPlan]] = {}
        for plan in self.plans:
            self.plans_of.setdefault(plan.almo_id, []).append(plan)
        latest = self.periods[-1]
        returns = []
        for almo in self.almos:
            for year, quarter in [*self.periods, self.current]:
                due_on = quarter_end(year, quarter) + dt.timedelta(days=RETURN_DAYS_AFTER_QUARTER)
                if (year, quarter) == self.current:
                    status = Return.Status.DRAFT
                elif (year, quarter) == latest:
                    status = self.random.choices(
                        [Return.Status.ACCEPTED, Return.Status.SUBMITTED, Return.Status.QUERIED], [6, 3, 1]
                    )[0]
                else:
                    status = Return.Status.ACCEPTED
                sent_at = _moment(min(due_on, self.today) - dt.timedelta(days=3))
                returns.append(
                    Return(
                        plan=self._plan_for(almo, year),
                        year=year,
                        quarter=quarter,
                        status=status,
                        due_on=due_on,
                        submitted_by=self.staff[almo.pk] if status != Return.Status.DRAFT else None,
                        submitted_at=sent_at if status != Return.Status.DRAFT else None,
                        accepted_by=self.officers[almo.council_id] if status == Return.Status.ACCEPTED else None,
                        accepted_at=sent_at if status == Return.Status.ACCEPTED else None,
                    )
                )
        Return.objects.bulk_create(self.made.add("returns", returns), batch_size=BATCH)
        self.returns = returns
        self._lines()

    def _lines(self) -> None:
        """A line per plan indicator per return: a figure drifting around the ALMO's level, judged by the engine."""
        lines, drift = [], {}
        for return_record in self.returns:
            plan = return_record.plan
            draft = return_record.status == Return.Status.DRAFT
            for plan_indicator in self.plan_indicators[plan.pk]:
                indicator = plan_indicator.indicator
                if draft:
                    lines.append(Actual(return_record=return_record, plan_indicator=plan_indicator))
                    continue
                key = (plan.almo_id, indicator.pk)
                base, spread = self.levels[key]
                drift[key] = drift.get(key, 0.0) * 0.8 + self.random.gauss(0, spread / 2)
                target = self.targets[(plan.pk, indicator.pk, return_record.year)]
                value = _round(float(target.value) + drift[key], indicator)
                rag = variance.rag_status(value, target.value, target.tolerance, indicator.polarity)
                line = Actual(
                    return_record=return_record,
                    plan_indicator=plan_indicator,
                    value=value,
                    rag=rag,
                )
                if rag in (variance.RED, variance.AMBER):
                    line.what_happened = f"{indicator.code} was {value} against a target of {target.value}."
                    line.why = "Staff vacancies in the area team and a backlog after the winter."
                    line.recovery_action = (
                        "Agency staff until the posts are filled; weekly review by the head of service."
                    )
                    line.expected_recovery = quarter_end(return_record.year, return_record.quarter) + dt.timedelta(
                        days=182
                    )
                lines.append(line)
        self.log(f"   lines: {len(lines):,}")
        Actual.objects.bulk_create(self.made.add("lines", lines), batch_size=BATCH)
        self.lines = lines
        self._queries_and_concerns()

    def _queries_and_concerns(self) -> None:
        """A query on a red or amber line of each queried return; a concern for lines red in the last two quarters."""
        latest, before = self.periods[-1], self.periods[-2]
        queries, concerns, red_before = [], [], set()
        for line in self.lines:
            r = line.return_record
            if (r.year, r.quarter) == before and line.rag == variance.RED:
                red_before.add((r.plan.almo_id, line.plan_indicator.indicator_id))
        per_almo: dict[int, int] = {}
        for line in self.lines:
            r = line.return_record
            if (r.year, r.quarter) != latest or line.rag not in (variance.RED, variance.AMBER):
                continue
            almo_id = r.plan.almo_id
            if r.status == Return.Status.QUERIED and per_almo.get(-almo_id, 0) < 2:
                per_almo[-almo_id] = per_almo.get(-almo_id, 0) + 1
                queries.append(Query(actual=line, raised_by=self.officers[r.plan.almo.council_id]))
            key = (almo_id, line.plan_indicator.indicator_id)
            if line.rag == variance.RED and key in red_before and per_almo.get(almo_id, 0) < 3:
                per_almo[almo_id] = per_almo.get(almo_id, 0) + 1
                concerns.append(
                    Concern(
                        plan=r.plan,
                        plan_indicator=line.plan_indicator,
                        about_party=Party.ALMO,
                        raised_by_party=Party.COUNCIL,
                        title=f"{line.plan_indicator.indicator.code} red for two quarters",
                        description="Outside tolerance for two quarters in a row.",
                    )
                )
        Query.objects.bulk_create(self.made.add("queries", queries))
        QueryMessage.objects.bulk_create(
            [
                QueryMessage(
                    query=query, author=query.raised_by, party=Party.COUNCIL, text="Please explain the change."
                )
                for query in queries
            ]
        )
        Concern.objects.bulk_create(self.made.add("concerns", concerns))


def flush(log=print) -> int:
    """Delete a previous national set: every row under a `national-` council, children first, by plain DELETEs.

    Not Model.delete(): it would fetch each of the quarter of a million lines and write a history record for it.
    """
    from dashboards import national_domains

    councils = list(national_councils().values_list("pk", flat=True))
    if not councils:
        return 0
    almos = list(national_almos().values_list("pk", flat=True))
    users = User.objects.filter(username__startswith=USER_PREFIX)
    steps = [
        *national_domains.flush_steps(councils, almos),
        (QueryMessage.objects.filter(query__actual__return_record__plan__almo__in=almos)),
        (Query.objects.filter(actual__return_record__plan__almo__in=almos)),
        (Concern.objects.filter(plan__almo__in=almos)),
        (Actual.objects.filter(return_record__plan__almo__in=almos)),
        (Return.objects.filter(plan__almo__in=almos)),
        (Target.objects.filter(plan_indicator__plan__almo__in=almos)),
        (PlanIndicator.objects.filter(plan__almo__in=almos)),
        (DeliveryPlan.objects.filter(almo__in=almos)),
        (Indicator.objects.filter(council__in=councils)),
        (BoardMember.objects.filter(board__almo__in=almos)),
        (Board.objects.filter(almo__in=almos)),
        (Membership.objects.filter(user__in=users)),
        (Almo.objects.filter(pk__in=almos)),
        (Council.objects.filter(pk__in=councils)),
        (User.objects.filter(pk__in=users.values("pk"))),
    ]
    deleted = 0
    with transaction.atomic(), connection.cursor() as cursor:
        national_domains.unlink(almos)
        for queryset in steps:
            deleted += _delete(cursor, queryset)
    log(f"   deleted {deleted:,} rows")
    return deleted


def _delete(cursor, queryset) -> int:
    table = connection.ops.quote_name(queryset.model._meta.db_table)
    sql, params = queryset.values("pk").query.sql_with_params()
    # The selection is the ORM's own SQL with its parameters: nothing here comes from outside.
    cursor.execute(f"DELETE FROM {table} WHERE id IN ({sql})", params)  # noqa: S608  # nosec B608
    return cursor.rowcount


def financial_span(first: int, last: int) -> str:
    return f"{first}/{str(first + 1)[2:]} to {last}/{str(last + 1)[2:]}"


def _moment(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10), tzinfo=dt.UTC)


def _level(indicator: Indicator, rng: random.Random) -> tuple[float, float]:
    """Where an ALMO's figures for an indicator sit, and how far they wander, in the indicator's unit."""
    unit = indicator.unit
    if unit == "percentage":
        base = rng.uniform(60, 92)
        return base, min(4.0, (100 - base) / 2)
    if unit == "rate_per_1000":
        return rng.uniform(2, 30), 2.0
    if unit == "days":
        return rng.uniform(18, 45), 4.0
    if unit == "sap_points":
        return rng.uniform(60, 75), 1.5
    if unit == "yes_no":
        return 1.0, 0.0
    return rng.uniform(20, 200), 10.0


def _improvement(indicator: Indicator) -> float:
    """Targets get a little harder each year: up where higher is better, down where lower is."""
    return {"higher": 1.0, "lower": -1.0}.get(indicator.polarity, 0.0)


def _round(value: float, indicator: Indicator) -> Decimal:
    if indicator.unit == "yes_no":
        return Decimal(1 if value >= 0.5 else 0)
    if indicator.unit == "percentage":
        value = min(100.0, value)
    value = max(0.0, value) if not indicator.may_be_negative else value
    places = indicator.decimal_places
    return Decimal(math.floor(value * 10**places + 0.5)) / Decimal(10**places)
