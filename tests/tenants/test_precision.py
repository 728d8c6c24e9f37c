"""The margin of error at 95 per cent confidence, and the responses the Regulator's precision needs."""

from decimal import Decimal

import pytest

from tenants.precision import Precision, margin_of_error, required_margin, responses_needed


@pytest.mark.parametrize(
    ("households", "margin"), [(1, 5), (2_499, 5), (2_500, 4), (9_999, 4), (10_000, 3), (24_999, 3), (25_000, 2)]
)
def test_required_margin_follows_the_stock_bands(households, margin):
    assert required_margin(households) == margin


def test_the_regulators_worked_example():
    # 7,271 LCRA households at ±4%: n0 = 600.25, n = 600.25 / (1 + 599.25 / 7,271) = 554.5, so 554 responses.
    assert responses_needed(7_271, 4) == 554
    assert margin_of_error(554, 7_271) == Decimal("4.00")
    assert Precision(554, 7_271).meets
    assert Precision(553, 7_271).further_needed == 1


def test_margin_by_hand_with_the_finite_population_correction():
    # 1.96 x sqrt(0.25 / 400) x sqrt((2,000 - 400) / 1,999) x 100 = 4.90 x 0.89465 = 4.384... -> 4.38
    assert margin_of_error(400, 2_000) == Decimal("4.38")


def test_a_short_sample_says_how_many_more_are_needed():
    precision = Precision(achieved=400, population=7_271)
    assert not precision.meets
    assert precision.required == 4
    assert precision.further_needed == 154


def test_a_census_has_no_margin_and_nothing_has_no_answer():
    assert margin_of_error(300, 300) == Decimal("0.00")
    assert margin_of_error(0, 300) is None
    assert not Precision(0, 300).meets
