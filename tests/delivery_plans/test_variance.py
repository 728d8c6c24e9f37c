"""The variance engine on every polarity and at each edge of the tolerance band."""

from decimal import Decimal

import pytest

from core import variance as v


@pytest.mark.parametrize(
    ("actual", "target", "tolerance", "polarity", "expected"),
    [
        # Higher is better: on or above target is green; within the band amber; the band's edge is amber.
        ("90", "90", "2", v.HIGHER, v.GREEN),
        ("95", "90", "2", v.HIGHER, v.GREEN),
        ("89.99", "90", "2", v.HIGHER, v.AMBER),
        ("88", "90", "2", v.HIGHER, v.AMBER),
        ("87.99", "90", "2", v.HIGHER, v.RED),
        # Lower is better: the same, mirrored.
        ("28", "28", "3", v.LOWER, v.GREEN),
        ("20", "28", "3", v.LOWER, v.GREEN),
        ("28.01", "28", "3", v.LOWER, v.AMBER),
        ("31", "28", "3", v.LOWER, v.AMBER),
        ("31.01", "28", "3", v.LOWER, v.RED),
        # No tolerance: anything off target is red.
        ("89.9", "90", "0", v.HIGHER, v.RED),
        ("28.1", "28", None, v.LOWER, v.RED),
        # Neither direction is better: data only, whatever the target.
        ("12", "5", "1", v.NEITHER, v.DATA_ONLY),
        # Missing pieces.
        (None, "90", "2", v.HIGHER, v.NOT_REPORTED),
        ("90", None, "2", v.HIGHER, v.NO_TARGET),
    ],
)
def test_rag_status(actual, target, tolerance, polarity, expected):
    assert v.rag_status(actual, target, tolerance, polarity) == expected


def test_variance_and_percentage_variance():
    result = v.assess(Decimal("85"), Decimal("90"), Decimal("2"), v.HIGHER)
    assert result.variance == Decimal("-5")
    assert result.percent_variance == Decimal("-5.6")
    assert result.needs_commentary


def test_percentage_variance_is_left_out_for_a_zero_target():
    result = v.assess(Decimal("3"), Decimal("0"), Decimal("0"), v.LOWER)
    assert result.variance == Decimal("3") and result.percent_variance is None and result.rag == v.RED


@pytest.mark.parametrize(
    ("current", "earlier", "polarity", "expected"),
    [
        ("92", "90", v.HIGHER, v.IMPROVING),
        ("88", "90", v.HIGHER, v.WORSENING),
        ("25", "30", v.LOWER, v.IMPROVING),
        ("35", "30", v.LOWER, v.WORSENING),
        ("30", "30", v.LOWER, v.NO_CHANGE),
        ("7", "5", v.NEITHER, v.UP),
        ("4", "5", v.NEITHER, v.DOWN),
        ("4", None, v.HIGHER, None),
    ],
)
def test_trend(current, earlier, polarity, expected):
    assert v.trend(current, earlier, polarity) == expected


def test_trend_against_last_quarter_and_a_year_ago_together():
    result = v.assess("91", "90", "2", v.HIGHER, previous="93", year_ago="85")
    assert (result.trend_previous, result.trend_year_ago) == (v.WORSENING, v.IMPROVING)
    assert not result.needs_commentary
