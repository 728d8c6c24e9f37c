"""The Support Framework's deadline: a successful (2-star or better) inspection within two years of section 27
consent, unless both parties agree a later date with a project plan. Warned at six and at three months."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from core.dates import govuk_date

YEARS_FROM_CONSENT = 2
WARNING_MONTHS = (6, 3)
SUCCESSFUL_STARS = 2


@dataclass
class Deadline:
    almo: object
    consent: dt.date | None
    original: dt.date | None
    effective: dt.date | None
    extension: object | None
    met_by: object | None
    today: dt.date

    @property
    def applies(self) -> bool:
        return self.original is not None

    @property
    def is_met(self) -> bool:
        return self.met_by is not None

    @property
    def is_missed(self) -> bool:
        return self.applies and not self.is_met and self.today > self.effective

    @property
    def warning_months(self) -> int | None:
        """3 or 6 when the deadline is that close and not met; None otherwise."""
        if not self.applies or self.is_met or self.is_missed:
            return None
        for months in sorted(WARNING_MONTHS):
            if self.today >= self.effective - relativedelta(months=months):
                return months
        return None

    @property
    def status(self) -> str:
        if not self.applies:
            return "No section 27 consent date recorded"
        if self.is_met:
            met = self.met_by
            return f"Met: {met.get_star_rating_display()} from {met.title}, {govuk_date(met.ends_on)}"
        if self.is_missed:
            return f"Missed: no successful inspection by {govuk_date(self.effective)}"
        if self.warning_months:
            return f"Due within {self.warning_months} months: by {govuk_date(self.effective)}"
        return f"Due by {govuk_date(self.effective)}"


def deadline_for(almo, inspections, extensions, today: dt.date) -> Deadline:
    """`inspections`: the ALMO's inspectorate inspections; `extensions`: its agreed extensions."""
    consent = almo.section_27_consent_date
    original = consent + relativedelta(years=YEARS_FROM_CONSENT) if consent else None
    agreed = sorted(extensions, key=lambda e: (e.decided_at, e.pk))
    extension = agreed[-1] if agreed else None
    effective = extension.new_deadline if extension and original else original
    met_by = None
    if original:
        successes = [
            i
            for i in inspections
            if i.kind == "inspectorate" and i.star_rating is not None and i.star_rating >= SUCCESSFUL_STARS
        ]
        met_by = min(successes, key=lambda i: i.ends_on, default=None)
    return Deadline(almo, consent, original, effective, extension, met_by, today)
