"""The shape of a shipped indicator, and the values its fields may take."""

from dataclasses import dataclass


@dataclass(frozen=True)
class IndicatorSpec:
    code: str  # e.g. "TP01", "RP02(1)", "CH01(2)", "BV66a"
    name: str  # the measure's name as DOMAIN.md gives it
    definition: str  # one to three plain-English sentences: what is counted, who is in the base, exclusions
    unit: str  # "percentage", "count", "rate_per_1000", "days", "pounds", "sap_points" or "yes_no"
    polarity: str  # "higher", "lower" or "neither"
    numerator: str = ""  # what the numerator counts, where the value is a ratio; "" otherwise
    denominator: str = ""  # what the denominator counts; "" otherwise
    multiplier: int = 1  # value = numerator / denominator * multiplier (100 for %, 1000 per 1,000 homes)
    reporting_level: str = ""  # TSMs: "lcra", "lcho", "lcra_lcho" or "combined"; "" for non-TSMs
    source: str = "tsm"  # "tsm" or "bvpi"
    frequency: str = "annual"  # "annual", "quarterly" or "monthly"
    decimal_places: int = 1
    group: str = ""  # a short theme heading
    may_be_negative: bool = False  # a change between two figures, which can fall as well as rise


UNITS = frozenset({"percentage", "count", "rate_per_1000", "days", "pounds", "sap_points", "yes_no"})
POLARITIES = frozenset({"higher", "lower", "neither"})
REPORTING_LEVELS = frozenset({"", "lcra", "lcho", "lcra_lcho", "combined"})
SOURCES = frozenset({"tsm", "bvpi"})
FREQUENCIES = frozenset({"annual", "quarterly", "monthly"})

# The numerator of a satisfaction survey measure, TSM or BVPI.
SATISFIED = "Respondents very or fairly satisfied"
