"""The national set's records of the other domains: enough that every dashboard panel has real data to read.

Far fewer than the Delivery Plan lines, as in life: HRA years, allocations, Decent Homes programmes and stock condition
for the last five years; three SLAs per ALMO with standards and eight quarters of results; a self-assessment against
each framework with an inspection and improvement actions; three years of tenant surveys; the management agreement
and a liaison meeting series with its actions; and a consultation for one ALMO in five. Written by bulk_create, as the
lines are (national_data.py says why).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from agreements.models import ManagementAgreement, Meeting, MeetingAction, MeetingSeries
from consultations.models import Consultation, Option
from core.periods import quarter_end
from hra.models import (
    AllocationAgreement,
    DecentHomesProgramme,
    HraLine,
    HraYear,
    LineCategory,
    ProgrammeQuarter,
    StockCondition,
)
from inspections.models import Answer, Assessment, Framework, ImprovementAction, Inspection, Question
from organisations.access import Party
from slas.models import ServiceLevelAgreement, ServiceStandard, SlaVersion, StandardResult
from tenants.models import AggregateCount, Survey
from tenants.models.surveys import CODES as SURVEY_CODES

HRA_YEARS = 5
SURVEY_YEARS = 3
SLA_SERVICES = ("legal", "it", "finance")
STANDARDS = (
    ("Calls answered within 30 seconds", "percentage", "higher", 90),
    ("Invoices paid in 10 days", "days", "lower", 10),
)


def build(builder, made) -> None:
    """Each domain in turn, from the organisations, people and dates the Delivery Plan builder already holds."""
    _hra(builder, made)
    _slas(builder, made)
    _inspections(builder, made)
    _tenants(builder, made)
    _agreements(builder, made)
    _consultations(builder, made)


def flush_steps(councils: list[int], almos: list[int]) -> list:
    """The other domains' rows of the national set, children first, for national_data.flush()."""
    return [
        ProgrammeQuarter.objects.filter(programme__almo__in=almos),
        DecentHomesProgramme.objects.filter(almo__in=almos),
        StockCondition.objects.filter(almo__in=almos),
        AllocationAgreement.objects.filter(almo__in=almos),
        HraLine.objects.filter(hra_year__council__in=councils),
        HraYear.objects.filter(council__in=councils),
        StandardResult.objects.filter(standard__version__sla__almo__in=almos),
        ServiceStandard.objects.filter(version__sla__almo__in=almos),
        # The SLA points at its current version and the version at its SLA: the pointer goes first (see _unlink).
        SlaVersion.objects.filter(sla__almo__in=almos),
        ServiceLevelAgreement.objects.filter(almo__in=almos),
        ImprovementAction.objects.filter(almo__in=almos),
        Answer.objects.filter(assessment__almo__in=almos),
        Assessment.objects.filter(almo__in=almos),
        Inspection.objects.filter(almo__in=almos),
        AggregateCount.objects.filter(survey__almo__in=almos),
        Survey.objects.filter(almo__in=almos),
        MeetingAction.objects.filter(series__almo__in=almos),
        Meeting.objects.filter(series__almo__in=almos),
        MeetingSeries.objects.filter(almo__in=almos),
        ManagementAgreement.objects.filter(almo__in=almos),
        Option.objects.filter(consultation__almo__in=almos),
        Consultation.objects.filter(almo__in=almos),
    ]


def unlink(almos: list[int]) -> None:
    """Clear each SLA's pointer to its current version, so the versions can be deleted before the SLAs."""
    ServiceLevelAgreement.objects.filter(almo__in=almos).update(current_version=None)


def _years(builder, count: int) -> list[int]:
    this_year = builder.current[0]
    return list(range(this_year - count + 1, this_year + 1))


def _hra(builder, made) -> None:
    categories = list(LineCategory.objects.order_by("pk"))
    years = _years(builder, HRA_YEARS)
    hra_years = [
        HraYear(
            council=council,
            year=year,
            opening_balance=Decimal(builder.random.randrange(2_000_000, 9_000_000, 1000)),
            minimum_balance=Decimal(2_000_000),
            general_fund_recharge_limit=Decimal(1_500_000),
        )
        for council in builder.councils
        for year in years
    ]
    HraYear.objects.bulk_create(made.add("HRA years", hra_years))
    almos_of: dict[int, list] = {}
    for almo in builder.almos:
        almos_of.setdefault(almo.council_id, []).append(almo)
    lines = []
    for hra_year in hra_years:
        past = hra_year.year < builder.current[0]
        for category in categories:
            holders = almos_of[hra_year.council_id] if category.role == "management_fee" else [None]
            for holder in holders:
                budget = Decimal(builder.random.randrange(500_000, 40_000_000, 1000))
                lines.append(
                    HraLine(
                        hra_year=hra_year,
                        category=category,
                        name=f"{category.name}: {holder.name}" if holder else category.name,
                        holder=holder,
                        budget=budget,
                        forecast_q1=budget,
                        forecast_q2=budget * Decimal("1.01"),
                        outturn=budget * Decimal("1.02") if past else None,
                    )
                )
    HraLine.objects.bulk_create(made.add("HRA lines", lines))
    allocations = [
        AllocationAgreement(
            hra_year=hra_year,
            almo=almo,
            management_fee=Decimal(almo.homes_managed * 900),
            almo_share_percent=Decimal(50),
            council_share_percent=Decimal(25),
            pooled_percent=Decimal(25),
            council_agreed_by=builder.officers[almo.council_id],
            council_agreed_at=builder.now,
            almo_agreed_by=builder.staff[almo.pk],
            almo_agreed_at=builder.now,
        )
        for hra_year in hra_years
        for almo in almos_of[hra_year.council_id]
    ]
    AllocationAgreement.objects.bulk_create(made.add("allocations", allocations))
    programmes = [
        DecentHomesProgramme(
            almo=almo,
            year=year,
            allocation=Decimal(almo.homes_managed * 1200),
            council_agreed_by=builder.officers[almo.council_id],
            council_agreed_at=builder.now,
            almo_agreed_by=builder.staff[almo.pk],
            almo_agreed_at=builder.now,
        )
        for almo in builder.almos
        for year in years
    ]
    DecentHomesProgramme.objects.bulk_create(made.add("Decent Homes programmes", programmes))
    quarters = []
    for programme in programmes:
        for quarter in (1, 2, 3, 4):
            profile = programme.allocation / 4
            done = quarter_end(programme.year, quarter) < builder.today
            spend = profile * Decimal(builder.random.uniform(0.8, 1.1)).quantize(Decimal("0.01")) if done else None
            quarters.append(ProgrammeQuarter(programme=programme, quarter=quarter, profile=profile, spend=spend))
    ProgrammeQuarter.objects.bulk_create(made.add("programme quarters", quarters))
    conditions = []
    for almo in builder.almos:
        non_decent = almo.homes_managed // 3
        for year in years:
            made_decent = non_decent // 4
            conditions.append(
                StockCondition(
                    almo=almo,
                    year=year,
                    homes_at_start=almo.homes_managed,
                    non_decent_at_start=non_decent,
                    made_decent=made_decent,
                    failing_a=non_decent // 2,
                    failing_c=non_decent // 2,
                )
            )
            non_decent -= made_decent
    StockCondition.objects.bulk_create(made.add("stock conditions", conditions))


def _slas(builder, made) -> None:
    slas = [
        ServiceLevelAgreement(
            almo=almo,
            service=service,
            title=f"{service.upper()} services",
            provider_team=f"Council {service} team",
            status=ServiceLevelAgreement.Status.IN_FORCE,
        )
        for almo in builder.almos
        for service in SLA_SERVICES
    ]
    ServiceLevelAgreement.objects.bulk_create(made.add("SLAs", slas))
    starts = dt.date(builder.current[0] - 1, 4, 1)
    versions = [
        SlaVersion(
            sla=sla,
            number=1,
            status=SlaVersion.Status.AGREED,
            starts_on=starts,
            ends_on=starts + dt.timedelta(days=3 * 365),
            annual_charge=Decimal(builder.random.randrange(80_000, 600_000, 500)),
            notice_months=6,
            # One in six falls due for review within the dashboards' 90 days.
            review_date=builder.today + dt.timedelta(days=builder.random.choice([30, 200, 300, 400, 500, 600])),
            council_agreed_by=builder.officers[sla.almo.council_id],
            council_agreed_at=builder.now,
            almo_agreed_by=builder.staff[sla.almo_id],
            almo_agreed_at=builder.now,
        )
        for sla in slas
    ]
    SlaVersion.objects.bulk_create(made.add("SLA versions", versions))
    for sla, version in zip(slas, versions, strict=True):
        sla.current_version = version
    ServiceLevelAgreement.objects.bulk_update(slas, ["current_version"])
    standards = [
        ServiceStandard(
            version=version, title=title, unit=unit, polarity=polarity, target=Decimal(target), tolerance=Decimal(2)
        )
        for version in versions
        for title, unit, polarity, target in STANDARDS
    ]
    ServiceStandard.objects.bulk_create(made.add("service standards", standards))
    results = []
    for standard in standards:
        for year, quarter in builder.periods[-8:]:
            actual = standard.target + Decimal(
                builder.random.randint(-5, 3) * (1 if standard.polarity == "higher" else -1)
            )
            shortfall = standard.target - actual if standard.polarity == "higher" else actual - standard.target
            rag = "green" if shortfall <= 0 else ("amber" if shortfall <= standard.tolerance else "red")
            results.append(
                StandardResult(
                    standard=standard,
                    year=year,
                    quarter=quarter,
                    actual=actual,
                    target=standard.target,
                    tolerance=standard.tolerance,
                    rag=rag,
                    recorded_by=builder.officers[standard.version.sla.almo.council_id],
                    recorded_by_party=Party.COUNCIL,
                )
            )
        standard.latest_rag = results[-1].rag
    StandardResult.objects.bulk_create(made.add("standard results", results), batch_size=5000)
    ServiceStandard.objects.bulk_update(standards, ["latest_rag"])


def _inspections(builder, made) -> None:
    frameworks = list(Framework.objects.order_by("pk"))
    questions = list(Question.objects.select_related("area").order_by("pk"))
    assessments = [Assessment(almo=almo, framework=framework) for almo in builder.almos for framework in frameworks]
    Assessment.objects.bulk_create(made.add("self-assessments", assessments))
    answers = [
        Answer(
            assessment=assessment,
            question=question,
            score=builder.random.choice([1, 2, 2, 3, 3, 3, 4]),
            narrative="Evidence held by the performance team.",
            owner="Head of performance",
            last_reviewed=builder.today - dt.timedelta(days=builder.random.randrange(10, 400)),
        )
        for assessment in assessments
        for question in questions
        if question.area.framework_id == assessment.framework_id
    ]
    Answer.objects.bulk_create(made.add("answers", answers), batch_size=5000)
    inspections = []
    for n, almo in enumerate(builder.almos):
        # One in five has an inspection coming; the others were inspected in the last three years.
        days = builder.random.randrange(20, 120) if n % 5 == 0 else -builder.random.randrange(100, 1000)
        starts = builder.today + dt.timedelta(days=days)
        inspections.append(
            Inspection(
                almo=almo,
                kind="inspectorate",
                title="Housing inspection",
                starts_on=starts,
                ends_on=starts + dt.timedelta(days=4),
                lead="Lead inspector",
                star_rating=None if days > 0 else builder.random.choice([1, 2, 2, 3]),
                prospects="" if days > 0 else "promising",
                report="",
                recorded_by=builder.staff[almo.pk],
            )
        )
    Inspection.objects.bulk_create(made.add("inspections", inspections))
    actions = [
        ImprovementAction(
            almo=almo,
            title=f"Improvement action {k}",
            detail="From the self-assessment's gaps.",
            owner="Director of housing",
            due_on=builder.today + dt.timedelta(days=builder.random.randrange(-60, 180)),
            status=builder.random.choice(["not_started", "in_progress", "in_progress", "done"]),
        )
        for almo in builder.almos
        for k in range(1, 5)
    ]
    for action in actions:
        action.completed_on = action.due_on if action.status == "done" else None
    ImprovementAction.objects.bulk_create(made.add("improvement actions", actions))


def _tenants(builder, made) -> None:
    surveys = []
    for almo in builder.almos:
        for year in _years(builder, SURVEY_YEARS + 1)[:-1]:  # a year's survey is in once the year's fieldwork ends
            population = almo.homes_managed
            surveys.append(
                Survey(
                    almo=almo,
                    year=year,
                    method="telephone",
                    fieldwork_start=dt.date(year, 9, 1),
                    fieldwork_end=dt.date(year, 11, 30),
                    population=population,
                    sample_issued=population // 5,
                    entry=Survey.Entry.AGGREGATE,
                    achieved=population // 20,
                    council_agreed_by=builder.officers[almo.council_id],
                    council_agreed_at=builder.now,
                    almo_agreed_by=builder.staff[almo.pk],
                    almo_agreed_at=builder.now,
                )
            )
    Survey.objects.bulk_create(made.add("tenant surveys", surveys))
    counts = []
    for survey in surveys:
        answering = survey.achieved
        for code in SURVEY_CODES:
            share = [builder.random.randint(20, 40), builder.random.randint(25, 40), 10, 8, 5]
            parts = [answering * s // sum(share) for s in share]
            counts.append(
                AggregateCount(
                    survey=survey,
                    code=code,
                    very_satisfied=parts[0],
                    fairly_satisfied=parts[1],
                    neither=parts[2],
                    fairly_dissatisfied=parts[3],
                    very_dissatisfied=answering - sum(parts[:4]),
                )
            )
    AggregateCount.objects.bulk_create(made.add("survey counts", counts))


def _agreements(builder, made) -> None:
    agreements = [
        ManagementAgreement(
            almo=almo,
            version=1,
            title="Management agreement",
            status="in_force",
            starts_on=dt.date(builder.current[0] - 4, 4, 1),
            initial_end_on=dt.date(builder.current[0] + 6, 3, 31),
            management_fee=Decimal(almo.homes_managed * 900),
            indexation="cpi",
            document="",
            council_agreed_by=builder.officers[almo.council_id],
            council_agreed_at=builder.now,
            almo_agreed_by=builder.staff[almo.pk],
            almo_agreed_at=builder.now,
        )
        for almo in builder.almos
    ]
    ManagementAgreement.objects.bulk_create(made.add("management agreements", agreements))
    series = [
        MeetingSeries(almo=almo, kind="officer_liaison", name="Officer liaison", frequency="quarterly")
        for almo in builder.almos
    ]
    MeetingSeries.objects.bulk_create(made.add("meeting series", series))
    meetings = [
        Meeting(series=one, held_on=quarter_end(year, quarter) + dt.timedelta(days=45), status="minuted")
        for one in series
        for year, quarter in builder.periods[-12:-1]
    ]
    Meeting.objects.bulk_create(made.add("meetings", meetings))
    last_meeting = {meeting.series_id: meeting for meeting in meetings}
    actions = [
        MeetingAction(
            series=one,
            raised_at=last_meeting[one.pk],
            description=f"Report back on action {k}",
            owner_name="Head of housing",
            due_on=builder.today + dt.timedelta(days=builder.random.randrange(-40, 60)),
        )
        for one in series
        for k in (1, 2)
    ]
    MeetingAction.objects.bulk_create(made.add("meeting actions", actions))


def _consultations(builder, made) -> None:
    consultations = [
        Consultation(
            almo=almo,
            subject="The future management of the homes",
            purpose="To ask tenants whether the ALMO should continue to manage their homes.",
            decision_criteria="A majority of those voting.",
            method="full_survey",
            status=Consultation.Status.OPEN,
            created_by=builder.officers[almo.council_id],
        )
        for n, almo in enumerate(builder.almos)
        if n % 5 == 0
    ]
    Consultation.objects.bulk_create(made.add("consultations", consultations))
    Option.objects.bulk_create(
        made.add(
            "consultation options",
            [
                Option(
                    consultation=c, title=title, summary=title, pros="-", cons="-", impact_on_residents="-", position=k
                )
                for c in consultations
                for k, title in enumerate(("Stay with the ALMO", "Return to the council"), start=1)
            ],
        )
    )
