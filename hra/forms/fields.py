"""Form fields shared by the HRA forms: money in pounds, years, whole numbers and percentages."""

from django import forms

from core.periods import FIRST_YEAR, LAST_YEAR, financial_year_label, recent_years
from hra.money import MoneyError, parse_money

MONEY_WIDGET = forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-10", "spellcheck": "false"})
NUMBER_WIDGET = forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-5", "spellcheck": "false"})


class MoneyField(forms.CharField):
    """An amount in pounds and pence, read by `hra.money.parse_money`; never a float."""

    def __init__(self, *, label, required=True, allow_negative=False, help_text="In pounds, like 1,250,000.", **kwargs):
        self.allow_negative = allow_negative
        super().__init__(
            label=label,
            required=required,
            help_text=help_text,
            widget=MONEY_WIDGET,
            error_messages={"required": f"Enter the {label[0].lower() + label[1:]}"},
            **kwargs,
        )

    def to_python(self, value):
        value = super().to_python(value)
        try:
            return parse_money(value, allow_negative=self.allow_negative)
        except MoneyError as error:
            raise forms.ValidationError(f"{self.label}: {error}") from error


def count_field(label: str, *, required=True, help_text="", minimum=0) -> forms.IntegerField:
    message = f"Enter the {label[0].lower() + label[1:]} as a whole number"
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=minimum,
        max_value=10_000_000,
        help_text=help_text,
        widget=NUMBER_WIDGET,
        error_messages={
            "required": message,
            "invalid": message,
            "min_value": f"{label}: enter {minimum} or more",
            "max_value": f"{label}: enter a number under 10,000,000",
        },
    )


def percent_field(label: str, *, help_text="", required=True) -> forms.DecimalField:
    message = f"{label}: enter a percentage from 0 to 100, like 37.5"
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-4"}),
        error_messages={
            "required": f"Enter the {label[0].lower() + label[1:]}",
            "invalid": message,
            "min_value": message,
            "max_value": message,
            "max_digits": message,
            "max_decimal_places": f"{label}: enter no more than 2 decimal places",
        },
    )


def year_field(label="Financial year", *, years=None) -> forms.TypedChoiceField:
    years = years or [*recent_years(3), recent_years(1)[0] + 1]
    years = [y for y in years if FIRST_YEAR <= y <= LAST_YEAR]
    return forms.TypedChoiceField(
        label=label,
        choices=[(y, financial_year_label(y)) for y in years],
        coerce=int,
        error_messages={"required": "Choose the financial year", "invalid_choice": "Choose one of the financial years"},
    )


QUARTER_CHOICES = [
    (1, "Q1 (April to June)"),
    (2, "Q2 (July to September)"),
    (3, "Q3 (October to December)"),
    (4, "Q4 (January to March)"),
]


def quarter_field(label="Quarter", choices=QUARTER_CHOICES) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=choices,
        coerce=int,
        error_messages={"required": "Choose the quarter", "invalid_choice": "Choose a quarter from Q1 to Q4"},
    )


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Upload a file",
        help_text="A CSV file or an Excel workbook (.xlsx).",
        error_messages={"required": "Select a CSV or Excel file to import", "empty": "The selected file is empty"},
    )
