"""Building the demo: each council's HRA years, then each ALMO's programmes, stock condition and investment plan."""

from __future__ import annotations

import datetime as dt
import random
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction

from core.demo import upsert
from hra import selectors
from hra.categories import load_categories
from hra.demo import stories as s
from hra.models import (
    AllocationAgreement,
    Archetype,
    CapitalReceipt,
    Component,
    DecentHomesProgramme,
    HraLine,
    HraYear,
    InvestmentPlan,
    LineCategory,
    ProgrammeQuarter,
    ReprofileRequest,
    Resource,
    StockCondition,
)
from hra.money import split_money
from organisations.models import Almo, Council

User = get_user_model()
LONDON = ZoneInfo("Europe/London")


def _pounds(value) -> Decimal:
    return Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def _at(moment: dt.datetime) -> dt.datetime:
    return moment.replace(tzinfo=LONDON)


def load() -> None:
    load_categories(LineCategory)  # a database flushed by a test has lost the migration's rows
    councils = {c.slug: c for c in Council.objects.filter(slug__in=s.COUNCILS)}
    almos = {a.slug: a for a in Almo.objects.filter(slug__in=s.ALMOS).select_related("council")}
    if len(councils) < len(s.COUNCILS) or len(almos) < len(s.ALMOS):
        raise RuntimeError("Load organisations.demo first: the demo councils and ALMOs are missing.")
    usernames = [c["officer"] for c in s.COUNCILS.values()] + [a["staff"] for a in s.ALMOS.values()]
    users = {u.username: u for u in User.objects.filter(username__in=usernames)}
    categories = {c.code: c for c in LineCategory.objects.all()}
    with transaction.atomic():
        for council in councils.values():
            council_almos = sorted((a for a in almos.values() if a.council_id == council.pk), key=lambda a: a.name)
            _council_years(council, council_almos, categories, users)
        for _slug, almo in sorted(almos.items()):
            sold = _receipt_homes(almo)
            _programmes(almo, users)
            _stock(almo, sold)
            _investment_plan(almo)
        _reprofiles(almos, users)


# The HRA ------------------------------------------------------------------------------------------


def _council_years(council: Council, almos: list[Almo], categories: dict, users: dict) -> None:
    story = s.COUNCILS[council.slug]
    opening = story["minimum"] * Decimal("1.6")
    for year in s.YEARS:
        rng = random.Random(f"{council.slug}-{year}")
        budgets = _budgets(council, almos, year, story)
        recharges = next(amount for code, _, _, amount in budgets if code == "general-fund-recharges")
        hra_year, _ = upsert(
            HraYear,
            {"council": council, "year": year},
            {
                "opening_balance": _pounds(opening),
                "minimum_balance": story["minimum"],
                "general_fund_recharge_limit": _pounds(recharges * Decimal("1.05")),
                "tolerance_percent": Decimal("2.00"),
            },
        )
        lines = [_line(hra_year, categories[code], name, holder, budget, rng) for code, name, holder, budget in budgets]
        for almo in almos:
            _allocation(hra_year, almo, lines, users[story["officer"]], users[s.ALMOS[almo.slug]["staff"]])
        if 4 in s.REPORTED_QUARTERS[year]:
            opening = selectors.totals(hra_year, lines, 4).closing


def _budgets(council: Council, almos: list[Almo], year: int, story: dict) -> list[tuple]:
    """(category code, line name, holder, budget) for each line of a council's year."""
    homes = sum(a.homes_managed for a in almos)
    rise = s.YEARLY_RISE ** (year - s.YEARS[0])
    scale = story["rent_per_week"] / Decimal("86.40")  # costs follow rents: London costs more
    rents = _pounds(homes * story["rent_per_week"] * 52 * rise)
    budgets = [("dwelling-rents", "Rents from council homes", None, rents)]
    for code, per_home in s.PER_HOME.items():
        budgets.append((code, _LINE_NAMES[code], None, _pounds(homes * per_home * scale * rise)))
    for almo in almos:
        for code, per_home in s.ALMO_PER_HOME.items():
            label = "Management fee" if code == "management-fee" else "Repairs and maintenance"
            budgets.append((code, f"{label}: {almo.name}", almo, _pounds(almo.homes_managed * per_home * scale * rise)))
    budgets.append(("bad-debt", "Bad debt provision", None, _pounds(rents * Decimal("0.012"))))
    return budgets


_LINE_NAMES = {
    "supervision-management": "Supervision and management kept by the council",
    "depreciation": "Depreciation and major repairs",
    "capital-financing": "Interest and capital financing",
    "general-fund-recharges": "Recharges from the General Fund",
    "other-expenditure": "Other spending",
    "non-dwelling-rents": "Garages, shops and other rents",
    "service-charges": "Service charges to tenants and leaseholders",
    "other-income": "Other income",
}


def _line(hra_year: HraYear, category: LineCategory, name: str, holder, budget: Decimal, rng) -> HraLine:
    figures, commentary = {}, ""
    for quarter in s.REPORTED_QUARTERS[hra_year.year]:
        # Income a little above budget, spending a little below: green unless a story says otherwise.
        drift = Decimal(str(rng.uniform(1.0, 1.008) if category.is_income else rng.uniform(0.985, 1.0)))
        if category.code == "management-fee":
            drift = Decimal(1)  # the agreed fee is paid as agreed
        story = s.REPAIRS_STORIES.get((holder.slug if holder else "", hra_year.year, quarter))
        if story and category.code == "repairs":
            drift, commentary = story
        overrun = s.RECHARGE_OVERRUN.get((hra_year.council.slug, hra_year.year))
        if overrun and category.code == "general-fund-recharges":
            drift = overrun
            commentary = (
                "Legal and HR recharges rose with the council's new case management system. The "
                "finance team is reviewing the basis of the recharge with the ALMOs."
            )
        figures[HraLine.QUARTER_FIELDS[quarter]] = _pounds(budget * drift)
    line, _ = upsert(
        HraLine,
        {"hra_year": hra_year, "name": name},
        {
            "category": category,
            "holder": holder,
            "budget": budget,
            "commentary": commentary,
            **{field: figures.get(field) for field in HraLine.QUARTER_FIELDS.values()},
        },
    )
    line.hra_year = hra_year
    return line


def _allocation(hra_year: HraYear, almo: Almo, lines: list[HraLine], officer, staff) -> None:
    fee = sum(line.budget for line in lines if line.holder_id == almo.pk and line.category.code == "management-fee")
    agreed = _at(s.AGREED_AT[hra_year.year])
    almo_agrees = (almo.slug, hra_year.year) not in s.ALMO_NOT_AGREED
    allocation, _ = upsert(
        AllocationAgreement,
        {"hra_year": hra_year, "almo": almo},
        {
            "management_fee": fee,
            "almo_share_percent": s.RECEIPT_SPLIT[0],
            "council_share_percent": s.RECEIPT_SPLIT[1],
            "pooled_percent": s.RECEIPT_SPLIT[2],
            "council_agreed_by": officer,
            "council_agreed_at": agreed,
            "almo_agreed_by": staff if almo_agrees else None,
            "almo_agreed_at": agreed + dt.timedelta(days=2) if almo_agrees else None,
        },
    )
    if not almo_agrees:
        return
    rng = random.Random(f"{almo.slug}-{hra_year.year}-receipts")
    price = 52000 if almo.council.slug != "kelworth" else 118000
    for quarter in s.REPORTED_QUARTERS[hra_year.year]:
        homes = rng.randint(1, max(2, almo.homes_managed // 2500))
        amount = Decimal(homes * rng.randint(price * 9 // 10, price * 11 // 10))
        shares = split_money(amount, allocation.split)
        upsert(
            CapitalReceipt,
            {"allocation": allocation, "quarter": quarter, "kind": CapitalReceipt.Kind.RIGHT_TO_BUY},
            {
                "homes": homes,
                "amount": amount,
                "almo_share": shares[0],
                "council_share": shares[1],
                "pooled": shares[2],
                "description": f"{homes} Right to Buy completion{'s' if homes != 1 else ''}",
            },
        )


def _receipt_homes(almo: Almo) -> dict[int, int]:
    """Homes sold under the Right to Buy each year, from the receipts: the stock condition counts the same sales."""
    sold: dict[int, int] = {}
    for receipt in CapitalReceipt.objects.filter(allocation__almo=almo).select_related("allocation__hra_year"):
        sold[receipt.allocation.hra_year.year] = sold.get(receipt.allocation.hra_year.year, 0) + receipt.homes
    return sold


# Decent Homes ------------------------------------------------------------------------------------


def _programmes(almo: Almo, users: dict) -> None:
    story = s.ALMOS[almo.slug]
    officer = users[s.COUNCILS[almo.council.slug]["officer"]]
    staff = users[story["staff"]]
    for year in s.YEARS:
        rng = random.Random(f"{almo.slug}-{year}-decent-homes")
        rise = s.YEARLY_RISE ** (year - s.YEARS[0])
        allocation = (Decimal(almo.homes_managed * story["dh_per_home"]) * rise / 1000).quantize(Decimal(1)) * 1000
        agreed = _at(s.AGREED_AT[year])
        programme, _ = upsert(
            DecentHomesProgramme,
            {"almo": almo, "year": year},
            {
                "allocation": allocation,
                "council_agreed_by": officer,
                "council_agreed_at": agreed,
                "almo_agreed_by": staff,
                "almo_agreed_at": agreed + dt.timedelta(days=1),
            },
        )
        profile = {q: _pounds(allocation * share) for q, share in s.PROFILE_SHARES.items()}
        profile[4] = allocation - sum(profile[q] for q in (1, 2, 3))
        profile = _REPROFILED.get((almo.slug, year), lambda p: p)(profile)
        _quarters(programme, profile, rng)


def _north_2025(profile: dict) -> dict:
    """Harrowfield North moved £200,000 of Q2 work into Q3 and Q4 in July 2025, by agreement."""
    return {1: profile[1], 2: profile[2] - 200000, 3: profile[3] + 100000, 4: profile[4] + 100000}


_REPROFILED = {("harrowfield-north-homes", 2025): _north_2025}


def _quarters(programme: DecentHomesProgramme, profile: dict, rng) -> None:
    key = (programme.almo.slug, programme.year)
    shares = s.SPEND_STORIES.get(key, {})
    sustainability = s.SUSTAINABILITY.get(key, s.DEFAULT_SUSTAINABILITY)
    reported = s.REPORTED_QUARTERS[programme.year]
    spent = Decimal(0)
    for quarter in (1, 2, 3, 4):
        spend = None
        if quarter in reported:
            share = shares.get(quarter, Decimal(str(rng.uniform(1.0, 1.02))))
            spend = _pounds(profile[quarter] * share)
            if quarter == 4 and key not in s.SPEND_STORIES:
                spend = max(programme.allocation - spent, Decimal(0))  # the year's spend is the allocation
            spent += spend
        upsert(
            ProgrammeQuarter,
            {"programme": programme, "quarter": quarter},
            {
                "profile": profile[quarter],
                "spend": spend,
                "sustainability_spend": _pounds(spend * sustainability) if spend is not None else None,
                "commentary": s.SPEND_COMMENTARY.get((*key, quarter), ""),
            },
        )


def _reprofiles(almos: dict, users: dict) -> None:
    north, kelworth = almos["harrowfield-north-homes"], almos["kelworth-homes"]
    agreed = DecentHomesProgramme.objects.get(almo=north, year=2025)
    old = {q.quarter: q.profile for q in agreed.quarters.all()}
    upsert(
        ReprofileRequest,
        {"programme": agreed, "proposed_at": _at(dt.datetime(2025, 7, 10, 11))},
        {
            "new_q1": old[1],
            "new_q2": old[2],
            "new_q3": old[3],
            "new_q4": old[4],
            "reason": "Scaffolding for the Brook Street roofs cannot go up until the school holidays end.",
            "proposed_by": users["north.staff"],
            "proposed_by_party": "almo",
            "status": ReprofileRequest.Status.AGREED,
            "decided_by": users["council.officer"],
            "decided_at": _at(dt.datetime(2025, 7, 24, 15)),
            "decision_reason": "Agreed: the year's total is unchanged.",
        },
    )
    waiting = DecentHomesProgramme.objects.get(almo=kelworth, year=2026)
    now = {q.quarter: q.profile for q in waiting.quarters.all()}
    upsert(
        ReprofileRequest,
        {"programme": waiting, "proposed_at": _at(dt.datetime(2026, 11, 12, 9))},
        {
            "new_q1": now[1],
            "new_q2": now[2],
            "new_q3": now[3] - 650000,
            "new_q4": now[4] + 650000,
            "reason": "Two contractors went into administration in August. The new framework call-off starts in "
            "November, so £650,000 of Q3 work moves into Q4.",
            "proposed_by": users["kelworth.staff"],
            "proposed_by_party": "almo",
            "status": ReprofileRequest.Status.PROPOSED,
        },
    )


def _stock(almo: Almo, sold: dict[int, int]) -> None:
    story = s.ALMOS[almo.slug]
    homes = almo.homes_managed + 300
    non_decent = int(homes * story["non_decent"])
    for year in s.YEARS:
        spend = sum(
            (q.spend or 0 for q in ProgrammeQuarter.objects.filter(programme__almo=almo, programme__year=year)),
            Decimal(0),
        )
        rng = random.Random(f"{almo.slug}-{year}-stock")
        became = int(homes * Decimal("0.015"))
        rtb = sold.get(year, 0)
        demolished = 40 if (almo.slug, year) == ("kelworth-homes", 2025) else 0
        cost = Decimal(9500) * story["dh_per_home"] / 820  # per home made decent: dearer where allocations are
        made = min(int(spend / cost), non_decent + became - demolished - rtb // 10)
        values = {
            "homes_at_start": homes,
            "non_decent_at_start": non_decent,
            "failing_a": int(non_decent * Decimal("0.08")),
            "failing_b": int(non_decent * Decimal("0.45")),
            "failing_c": int(non_decent * Decimal("0.30")),
            "failing_d": min(int(non_decent * Decimal("0.40")) + 1, non_decent),
            "made_decent": made,
            "became_non_decent": became,
            "demolitions": demolished,
            "demolitions_non_decent": demolished,
            "right_to_buy_sales": rtb,
            "right_to_buy_non_decent": rtb // 10,
            "transfers": 0,
            "transfers_non_decent": 0,
            "tenant_refusals": 0,
        }
        stock = StockCondition(almo=almo, year=year, **values)
        values["tenant_refusals"] = min(rng.randint(10, 60), stock.non_decent_at_end)
        upsert(StockCondition, {"almo": almo, "year": year}, values)
        homes, non_decent = stock.homes_at_end, stock.non_decent_at_end


# The thirty-year plan ------------------------------------------------------------------------------


def _investment_plan(almo: Almo) -> None:
    plan, _ = upsert(
        InvestmentPlan, {"almo": almo, "first_year": 2026}, {"title": "Thirty-year investment plan 2026 to 2056"}
    )
    rng = random.Random(f"{almo.slug}-investment")
    for name, share, components in s.INVESTMENT_ARCHETYPES:
        archetype, _ = upsert(
            Archetype, {"plan": plan, "name": name}, {"homes": max(1, int(almo.homes_managed * share))}
        )
        for component, per_home, cost, lifetime, age in components:
            upsert(
                Component,
                {"archetype": archetype, "name": component},
                {
                    "per_home": Decimal(per_home),
                    "unit_cost": Decimal(cost),
                    "lifetime_years": lifetime,
                    "age_years": age,
                },
            )
    homes = almo.homes_managed
    mra = s.MRA_PER_HOME * Decimal(str(round(rng.uniform(0.9, 1.15), 2)))
    for source, first, last, per_home in (
        (Resource.Source.MAJOR_REPAIRS_ALLOWANCE, 1, 30, mra),
        (Resource.Source.SUPPORTED_BORROWING, 1, 5, s.BORROWING_PER_HOME),
        (Resource.Source.ALMO_FUNDING, 1, 30, s.ALMO_FUNDING_PER_HOME),
    ):
        upsert(
            Resource,
            {"plan": plan, "source": source, "from_year": first},
            {"to_year": last, "amount_per_year": _pounds(homes * per_home)},
        )
