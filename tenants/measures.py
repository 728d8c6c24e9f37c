"""The Regulator's perception measures (TP01 to TP12): the question set, who is in each base, and the result.

Every question is answered on a five-point scale, coded 1 to 5 from the best answer to the worst:
1 very satisfied (TP08: strongly agree), 2 fairly satisfied (agree), 3 neither, 4 fairly dissatisfied
(disagree), 5 very dissatisfied (strongly disagree). A "don't know" or "not applicable" the respondent gave
unprompted, or a blank, leaves them out of that measure's base. Result = answers 1 or 2 / answers 1 to 5 x 100,
published to one decimal place, rounded half up.

TP02 and TP03 are asked only of respondents who had a repair in the last 12 months, TP09 of those who made a
complaint, TP10 of those who live in a building with communal areas the landlord maintains. TP02 to TP04 are
reported for low-cost rental accommodation (LCRA) only.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from core.numbers import round_half_up

LCRA, LCHO = "lcra", "lcho"
SCALE = (1, 2, 3, 4, 5)
SATISFIED = (1, 2)
RESULT_PLACES = 1

# The screening questions a filtered measure's base depends on: the response file's column -> its question.
HAD_REPAIR, MADE_COMPLAINT, HAS_COMMUNAL = "had_repair", "made_complaint", "has_communal_areas"
SCREENS = {
    HAD_REPAIR: "Have you had a repair to your home in the last 12 months?",
    MADE_COMPLAINT: "Have you made a complaint to your landlord in the last 12 months?",
    HAS_COMMUNAL: "Do you live in a building with communal areas that your landlord is responsible for maintaining?",
}


@dataclass(frozen=True)
class Measure:
    code: str
    name: str
    screen: str | None = None  # the screening question a respondent must answer yes to, to be in the base
    lcra_only: bool = False
    agree_scale: bool = False

    @property
    def field(self) -> str:
        """The response's field holding this question's answer: tp01 for TP01."""
        return self.code.lower()

    def reported_for(self, tenure: str) -> bool:
        return tenure == LCRA or not self.lcra_only

    @property
    def base_description(self) -> str:
        if self.screen == HAD_REPAIR:
            return "Respondents who had a repair in the last 12 months"
        if self.screen == MADE_COMPLAINT:
            return "Respondents who made a complaint in the last 12 months"
        if self.screen == HAS_COMMUNAL:
            return "Respondents who live in a building with communal areas"
        return "All respondents"

    @property
    def scale_labels(self) -> tuple[str, ...]:
        if self.agree_scale:
            return ("Strongly agree", "Agree", "Neither agree nor disagree", "Disagree", "Strongly disagree")
        return (
            "Very satisfied",
            "Fairly satisfied",
            "Neither satisfied nor dissatisfied",
            "Fairly dissatisfied",
            "Very dissatisfied",
        )


MEASURES: tuple[Measure, ...] = (
    Measure("TP01", "Overall satisfaction"),
    Measure("TP02", "Satisfaction with repairs", screen=HAD_REPAIR, lcra_only=True),
    Measure(
        "TP03",
        "Satisfaction with time taken to complete most recent repair",
        screen=HAD_REPAIR,
        lcra_only=True,
    ),
    Measure("TP04", "Satisfaction that the home is well maintained", lcra_only=True),
    Measure("TP05", "Satisfaction that the home is safe"),
    Measure("TP06", "Satisfaction that the landlord listens to tenant views and acts upon them"),
    Measure("TP07", "Satisfaction that the landlord keeps tenants informed about things that matter to them"),
    Measure("TP08", "Agreement that the landlord treats tenants fairly and with respect", agree_scale=True),
    Measure("TP09", "Satisfaction with the landlord's approach to handling complaints", screen=MADE_COMPLAINT),
    Measure(
        "TP10",
        "Satisfaction that the landlord keeps communal areas clean and well maintained",
        screen=HAS_COMMUNAL,
    ),
    Measure("TP11", "Satisfaction that the landlord makes a positive contribution to neighbourhoods"),
    Measure("TP12", "Satisfaction with the landlord's approach to handling anti-social behaviour"),
)
BY_CODE = {measure.code: measure for measure in MEASURES}
CODES = tuple(BY_CODE)


def measures_for(tenure: str) -> list[Measure]:
    return [measure for measure in MEASURES if measure.reported_for(tenure)]


@dataclass(frozen=True)
class Counts:
    """One measure's answers: how many chose each point of the scale, and how many were left out of the base."""

    scale: tuple[int, int, int, int, int]
    not_on_scale: int = 0  # "don't know", "not applicable" or blank, among those asked

    @property
    def base(self) -> int:
        return sum(self.scale)

    @property
    def satisfied(self) -> int:
        return self.scale[0] + self.scale[1]

    @property
    def asked(self) -> int:
        return self.base + self.not_on_scale


@dataclass(frozen=True)
class Result:
    """A perception measure's published figure: numerator, denominator and the percentage."""

    measure: Measure
    counts: Counts

    @property
    def numerator(self) -> int:
        return self.counts.satisfied

    @property
    def denominator(self) -> int:
        return self.counts.base

    @property
    def value(self) -> Decimal | None:
        return result_value(self.numerator, self.denominator)


def result_value(numerator: int, denominator: int) -> Decimal | None:
    """numerator / denominator x 100 to one place, half up; None with a base of zero (no result to publish)."""
    if not denominator:
        return None
    return round_half_up(Decimal(numerator) * 100 / Decimal(denominator), RESULT_PLACES)
