"""Field helpers shared by the HRA models: money in pounds and pence, and a financial year."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from core.periods import FIRST_YEAR, LAST_YEAR, YEAR_RANGE_HELP
from hra.money import MONEY_DIGITS, MONEY_PLACES

NOT_NEGATIVE = "Enter an amount of zero or more: it cannot be negative."


def money(verbose_name=None, *, negative: bool = False, **kwargs) -> models.DecimalField:
    """Pounds and pence, never float; not negative unless the figure may be (a working balance)."""
    validators = [] if negative else [MinValueValidator(0, message=NOT_NEGATIVE)]
    return models.DecimalField(
        verbose_name, max_digits=MONEY_DIGITS, decimal_places=MONEY_PLACES, validators=validators, **kwargs
    )


def financial_year(verbose_name="Financial year", **kwargs) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        verbose_name,
        validators=[
            MinValueValidator(FIRST_YEAR, message=YEAR_RANGE_HELP),
            MaxValueValidator(LAST_YEAR, message=YEAR_RANGE_HELP),
        ],
        help_text="The year it starts in: 2026 for 2026/27.",
        **kwargs,
    )


def percent(verbose_name, **kwargs) -> models.DecimalField:
    message = "Enter a percentage from 0 to 100."
    return models.DecimalField(
        verbose_name,
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0, message=message), MaxValueValidator(100, message=message)],
        **kwargs,
    )


def quarter() -> models.PositiveSmallIntegerField:
    message = "Choose a quarter from 1 (April to June) to 4 (January to March)."
    return models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1, message=message), MaxValueValidator(4, message=message)]
    )
