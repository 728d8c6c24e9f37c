"""Reads for inspection readiness that need more than a queryset method: readiness, warnings, the calendar.

Each list loads in a fixed number of queries however many rows it has: answers, areas and inspections are
fetched for all the records on the page at once and grouped in Python.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.db.models import Prefetch, Q
from django.urls import reverse

from core.dates import govuk_date
from inspections.deadlines import deadline_for
from inspections.models import (
    Answer,
    Area,
    Assessment,
    CalendarEntry,
    DeadlineExtension,
    Evidence,
    ImprovementAction,
    Inspection,
)
from inspections.readiness import PREDICTION_RULE, readiness
from organisations.models import Almo

STATUTORY_GAP_MONTHS = 6
FATIGUE_DAYS = 14  # two inspections, audits or reviews of one ALMO this close together are too many at once


def assessment_readiness(assessment: Assessment, today: dt.date, answers=None):
    """The readiness of one self-assessment; `answers` when the caller already has them loaded."""
    if answers is None:
        answers = list(
            Answer.objects.filter(assessment=assessment)
            .select_related("question")
            .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.order_by("title")))
        )
    areas = list(Area.objects.filter(framework_id=assessment.framework_id))
    return readiness(areas, answers, today)


def readiness_rows(assessments, today: dt.date) -> list:
    """(assessment, readiness) for many self-assessments, in three queries."""
    assessments = list(assessments)
    answers = defaultdict(list)
    for answer in Answer.objects.filter(assessment__in=assessments).select_related("question"):
        answers[answer.assessment_id].append(answer)
    areas = defaultdict(list)
    for area in Area.objects.filter(framework__in={a.framework_id for a in assessments}):
        areas[area.framework_id].append(area)
    return [(a, readiness(areas[a.framework_id], answers[a.pk], today)) for a in assessments]


def almo_overview(user, today: dt.date) -> list[dict]:
    """Every ALMO the person may see, with its self-assessments' readiness, open and overdue actions, next
    inspection and deadline: the council's view across its ALMOs, or an ALMO's of itself."""
    return overview_rows(Almo.objects.restrict(user).select_related("council").order_by("council__name", "name"), today)


def overview_rows(almos, today: dt.date) -> list[dict]:
    """The overview for the given ALMOs, in a fixed number of queries however many there are."""
    almos = list(almos)
    assessments = Assessment.objects.filter(almo__in=almos).select_related("framework").order_by("framework__name")
    by_almo = defaultdict(list)
    for assessment, judged in readiness_rows(assessments, today):
        by_almo[assessment.almo_id].append((assessment, judged))
    actions = defaultdict(lambda: {"open": 0, "overdue": 0})
    for action in ImprovementAction.objects.filter(almo__in=almos).open().only("almo_id", "due_on"):
        actions[action.almo_id]["open"] += 1
        actions[action.almo_id]["overdue"] += action.due_on < today
    inspections = defaultdict(list)
    for inspection in Inspection.objects.filter(almo__in=almos).order_by("starts_on"):
        inspections[inspection.almo_id].append(inspection)
    extensions = defaultdict(list)
    for extension in DeadlineExtension.objects.filter(almo__in=almos, status="agreed"):
        extensions[extension.almo_id].append(extension)
    rows = []
    for almo in almos:
        upcoming = [i for i in inspections[almo.pk] if i.ends_on >= today]
        rows.append(
            {
                "almo": almo,
                "assessments": by_almo[almo.pk],
                "actions": actions[almo.pk],
                "next_inspection": upcoming[0] if upcoming else None,
                "deadline": deadline_for(almo, inspections[almo.pk], extensions[almo.pk], today),
                "statutory_warnings": statutory_gap_warnings(inspections[almo.pk]),
            }
        )
    return rows


def almo_deadline(almo, today: dt.date):
    inspections = Inspection.objects.filter(almo=almo, kind="inspectorate")
    extensions = DeadlineExtension.objects.filter(almo=almo, status="agreed")
    return deadline_for(almo, inspections, extensions, today)


def statutory_gap_warnings(inspections) -> list[str]:
    """A warning for each pair of an ALMO's inspectorate or regulator inspections that start under six months
    apart. `inspections` is one ALMO's, in any order."""
    statutory = sorted((i for i in inspections if i.is_statutory), key=lambda i: (i.starts_on, i.pk))
    warnings = []
    for earlier, later in zip(statutory, statutory[1:], strict=False):
        if later.starts_on < earlier.starts_on + relativedelta(months=STATUTORY_GAP_MONTHS):
            warnings.append(
                f"{later.title} starts on {govuk_date(later.starts_on)}, under six months after {earlier.title} "
                f"started on {govuk_date(earlier.starts_on)}. Inspections should be at least six months apart."
            )
    return warnings


def statutory_gap_warnings_for(inspection: Inspection) -> list[str]:
    if not inspection.is_statutory:
        return []
    window = relativedelta(months=STATUTORY_GAP_MONTHS)
    near = Inspection.objects.filter(
        almo_id=inspection.almo_id,
        starts_on__gt=inspection.starts_on - window,
        starts_on__lt=inspection.starts_on + window,
    )
    return [w for w in statutory_gap_warnings(near) if inspection.title in w]


@dataclass
class Event:
    """One date in the regulatory calendar."""

    starts_on: dt.date
    ends_on: dt.date
    title: str
    kind: str
    almo: object | None
    council_id: int
    url: str
    uid: str
    counts_for_fatigue: bool = True

    @property
    def who(self) -> str:
        return self.almo.name if self.almo else "All the council's ALMOs"


def calendar_events(user, start: dt.date, end: dt.date, almo=None) -> list[Event]:
    """Inspections, calendar entries and deadlines the person may see, from `start` to `end`, in date order."""
    inspections = (
        Inspection.objects.restrict(user).filter(ends_on__gte=start, starts_on__lte=end).select_related("almo")
    )
    entries = CalendarEntry.objects.restrict(user).filter(starts_on__lte=end).select_related("almo")
    entries = entries.exclude(ends_on__lt=start).exclude(ends_on__isnull=True, starts_on__lt=start)
    if almo is not None:
        inspections = inspections.filter(almo=almo)
        entries = entries.filter(Q(almo=almo) | Q(almo__isnull=True, council_id=almo.council_id))
    events = [
        Event(
            i.starts_on,
            i.ends_on,
            f"{i.title} ({i.get_kind_display()})",
            i.get_kind_display(),
            i.almo,
            i.almo.council_id,
            reverse("inspections:inspection_detail", args=[i.pk]),
            f"inspection-{i.pk}",
        )
        for i in inspections
    ]
    for entry in entries:
        events.append(
            Event(
                entry.starts_on,
                entry.last_day,
                entry.title,
                entry.get_kind_display(),
                entry.almo,
                entry.council_id,
                entry.get_absolute_url(),
                f"entry-{entry.pk}",
                counts_for_fatigue=entry.kind != CalendarEntry.Kind.MEETING,
            )
        )
    almos = [almo] if almo is not None else list(Almo.objects.restrict(user).select_related("council"))
    for row in _deadlines(almos, start, end):
        events.append(row)
    return sorted(events, key=lambda e: (e.starts_on, e.who, e.title))


def _deadlines(almos, start, end) -> list[Event]:
    inspections = defaultdict(list)
    for inspection in Inspection.objects.filter(almo__in=almos, kind="inspectorate"):
        inspections[inspection.almo_id].append(inspection)
    extensions = defaultdict(list)
    for extension in DeadlineExtension.objects.filter(almo__in=almos, status="agreed"):
        extensions[extension.almo_id].append(extension)
    events = []
    for almo in almos:
        deadline = deadline_for(almo, inspections[almo.pk], extensions[almo.pk], start)
        if deadline.applies and not deadline.is_met and start <= deadline.effective <= end:
            events.append(
                Event(
                    deadline.effective,
                    deadline.effective,
                    "Deadline for a successful inspection (2 stars or better)",
                    "Deadline",
                    almo,
                    almo.council_id,
                    reverse("inspections:deadline", args=[almo.pk]),
                    f"deadline-{almo.pk}-{deadline.effective:%Y%m%d}",
                    counts_for_fatigue=False,
                )
            )
    return events


def overlap_warnings(events: list[Event]) -> list[str]:
    """Pairs of inspections, audits, reviews and return deadlines for one ALMO within 14 days of each other.

    An entry for all of a council's ALMOs counts against each of them, shown once per pair.
    """
    counted = [e for e in events if e.counts_for_fatigue]
    warnings = []
    seen = set()
    for index, first in enumerate(counted):
        for second in counted[index + 1 :]:
            if second.starts_on > first.ends_on + dt.timedelta(days=FATIGUE_DAYS):
                break
            same_almo = first.almo is not None and second.almo is not None and first.almo.pk == second.almo.pk
            shared = (first.almo is None or second.almo is None) and first.council_id == second.council_id
            if not (same_almo or shared) or (first.uid, second.uid) in seen:
                continue
            seen.add((first.uid, second.uid))
            who = first.almo.name if first.almo else second.almo.name if second.almo else "the council's ALMOs"
            warnings.append(
                f"{who}: {first.title} ({govuk_date(first.starts_on)}) and {second.title} "
                f"({govuk_date(second.starts_on)}) are within {FATIGUE_DAYS} days of each other. Consider moving one "
                "to spare staff and tenants inspection fatigue."
            )
    return warnings


def readiness_pdf_context(assessment: Assessment, today: dt.date) -> dict:
    judged = assessment_readiness(assessment, today)
    actions = ImprovementAction.objects.filter(almo=assessment.almo).with_overdue(today).order_by("due_on")
    return {
        "assessment": assessment,
        "readiness": judged,
        "actions": list(actions),
        "deadline": almo_deadline(assessment.almo, today),
        "today": today,
        "rule": PREDICTION_RULE,
    }
