"""Readiness worked out from a self-assessment's answers: per area, overall, the predicted star rating and the gaps.

Plain functions over answers already loaded, so a page, the API, the board pack and the PDF all judge alike, and
the rule the prediction follows is written once, here, in the words the pages show people (`PREDICTION_RULE`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from core.dates import govuk_date
from core.numbers import round_half_up

REVIEW_MONTHS = 6  # an answer not reviewed for this long is a gap
LOW_SCORE = 2  # fair or below is a gap
STAR_BANDS = [(Decimal("3.5"), 3), (Decimal("2.5"), 2), (Decimal("1.5"), 1)]
WEAK_AREA_BELOW = Decimal("2")
STAR_LABELS = {0: "0 stars (poor)", 1: "1 star (fair)", 2: "2 stars (good)", 3: "3 stars (excellent)"}
SCORE_WORDS = {1: "poor", 2: "fair", 3: "good", 4: "excellent"}

PREDICTION_RULE = [
    "Each question is scored from 1 (poor) to 4 (excellent). We take the average score of the questions scored.",
    "An average of 3.5 or more predicts 3 stars, 2.5 or more predicts 2 stars, 1.5 or more predicts 1 star, and "
    "below 1.5 predicts no stars.",
    "If any area averages below 2 (fair), the prediction is at most 1 star: inspectors do not rate a service good "
    "when one of its areas is poor.",
    f"The prediction is provisional until every question is scored and reviewed in the last {REVIEW_MONTHS} months.",
]


@dataclass
class Gap:
    answer: object
    reasons: list[str]


@dataclass
class AreaReadiness:
    area: object
    answers: list
    scored: int = 0
    average: Decimal | None = None

    @property
    def total(self) -> int:
        return len(self.answers)

    @property
    def percent(self) -> int | None:
        """The average as a share of the way from poor (0%) to excellent (100%)."""
        if self.average is None:
            return None
        return int(round_half_up((self.average - 1) / 3 * 100))

    @property
    def band(self) -> str:
        return SCORE_WORDS[int(round_half_up(self.average))] if self.average is not None else "not scored"


@dataclass
class Prediction:
    stars: int | None
    provisional: bool
    reasons: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return STAR_LABELS[self.stars] if self.stars is not None else "No prediction yet"


@dataclass
class Readiness:
    areas: list[AreaReadiness]
    gaps: list[Gap]
    prediction: Prediction
    scored: int
    total: int
    average: Decimal | None

    @property
    def percent(self) -> int | None:
        return None if self.average is None else int(round_half_up((self.average - 1) / 3 * 100))


def review_cutoff(today: dt.date) -> dt.date:
    return today - relativedelta(months=REVIEW_MONTHS)


def _average(scores: list[int]) -> Decimal | None:
    return round_half_up(Decimal(sum(scores)) / len(scores), 2) if scores else None


def gap_reasons(answer, cutoff: dt.date) -> list[str]:
    reasons = []
    if answer.score is None:
        reasons.append("Not scored yet")
    elif answer.score <= LOW_SCORE:
        reasons.append(f"Scored {answer.score} ({SCORE_WORDS[answer.score]})")
    if answer.last_reviewed is None:
        reasons.append("Never reviewed")
    elif answer.last_reviewed < cutoff:
        reasons.append(f"Not reviewed since {govuk_date(answer.last_reviewed)}")
    return reasons


def predict(areas: list[AreaReadiness], average: Decimal | None, complete: bool) -> Prediction:
    if average is None:
        return Prediction(None, True, ["No question is scored yet."])
    stars = next((stars for floor, stars in STAR_BANDS if average >= floor), 0)
    reasons = [f"The average score is {average} out of 4, which predicts {STAR_LABELS[stars]}."]
    weak = [a.area.title for a in areas if a.average is not None and a.average < WEAK_AREA_BELOW]
    if weak and stars > 1:
        stars = 1
        reasons.append(f"Held at 1 star: {', '.join(weak)} averages below 2 (fair).")
    if not complete:
        reasons.append("Provisional: some questions are not scored, or not reviewed in the last six months.")
    return Prediction(stars, not complete, reasons)


def readiness(areas, answers, today: dt.date) -> Readiness:
    """Judge a self-assessment: `areas` in order, `answers` with their `question` loaded."""
    cutoff = review_cutoff(today)
    by_area = {area.pk: AreaReadiness(area, []) for area in areas}
    gaps = []
    for answer in answers:
        by_area[answer.question.area_id].answers.append(answer)
        reasons = gap_reasons(answer, cutoff)
        if reasons:
            gaps.append(Gap(answer, reasons))
    for area in by_area.values():
        scores = [a.score for a in area.answers if a.score is not None]
        area.scored, area.average = len(scores), _average(scores)
    all_scores = [a.score for a in answers if a.score is not None]
    average = _average(all_scores)
    complete = bool(answers) and not any(
        a.score is None or a.last_reviewed is None or a.last_reviewed < cutoff for a in answers
    )
    area_list = [area for area in by_area.values() if area.answers]
    return Readiness(
        areas=area_list,
        gaps=gaps,
        prediction=predict(area_list, average, complete),
        scored=len(all_scores),
        total=len(answers),
        average=average,
    )
