"""The quartile method (Excel QUARTILE.INC), checked against hand calculations with literal numbers."""

import statistics
from decimal import Decimal

import pytest

from benchmarking.quartiles import Quartiles, quartile_position, quartiles, rank


def D(*values):
    return [Decimal(str(value)) for value in values]


def test_six_values_by_hand():
    # Sorted: 60, 65, 70, 75, 80, 95. Positions (n - 1) x k / 4 = 1.25, 2.5, 3.75 (from 0):
    # Q1 = 65 + 0.25 x (70 - 65) = 66.25; median = 70 + 0.5 x (75 - 70) = 72.5; Q3 = 75 + 0.75 x (80 - 75) = 78.75.
    assert quartiles(D(60, 65, 70, 75, 80, 95)) == Quartiles(Decimal("66.25"), Decimal("72.5"), Decimal("78.75"))


def test_three_values_by_hand():
    # Positions 0.5, 1, 1.5: Q1 = 67.0 + 0.5 x 8.9 = 71.45; median 75.9; Q3 = 75.9 + 0.5 x 1.1 = 76.45.
    assert quartiles(D(67.0, 75.9, 77.0)) == Quartiles(Decimal("71.45"), Decimal("75.9"), Decimal("76.45"))


def test_one_value_is_every_quartile():
    assert quartiles(D(42)) == Quartiles(Decimal(42), Decimal(42), Decimal(42))


@pytest.mark.parametrize("values", [(1, 2, 3, 4), (3.1, 9.9, 10, 10, 27.4, 55, 55, 61.2, 99.9), (0, 100)])
def test_the_same_as_pythons_inclusive_method(values):
    ours = quartiles(sorted(D(*values)))
    theirs = statistics.quantiles(D(*values), n=4, method="inclusive")
    assert [ours.lower, ours.median, ours.upper] == [value.quantize(Decimal("0.0001")) for value in theirs]


BOUNDS = Quartiles(Decimal("66.25"), Decimal("72.5"), Decimal("78.75"))


@pytest.mark.parametrize(
    "value, higher, lower",
    [
        ("95", 1, 4),
        ("78.75", 1, 3),  # on a boundary: the better quarter
        ("75", 2, 3),
        ("72.5", 2, 2),
        ("70", 3, 2),
        ("66.25", 3, 1),
        ("60", 4, 1),
    ],
)
def test_quartile_position_one_is_best_either_way(value, higher, lower):
    assert quartile_position(Decimal(value), BOUNDS, "higher") == higher
    assert quartile_position(Decimal(value), BOUNDS, "lower") == lower
    assert quartile_position(Decimal(value), BOUNDS, "neither") is None


def test_rank_one_is_best_and_ties_share_a_rank():
    values = D(60, 70, 70, 80)
    assert [rank(v, values, "higher") for v in D(80, 70, 60)] == [1, 2, 4]
    assert [rank(v, values, "lower") for v in D(60, 70, 80)] == [1, 2, 4]
    assert rank(Decimal(70), values, "neither") is None
