"""Forms for service standards and for a quarter's performance against them."""

from django import forms

from core import clock
from core.periods import QUARTER_MONTHS, financial_year_label, recent_years
from slas.forms.fields import number_field, text_field
from slas.models import Polarity, Unit
from slas.services import COMMENTARY, field_name


class StandardForm(forms.Form):
    title = text_field("Standard", max_length=200, help_text="For example, IT incidents fixed within 8 working hours.")
    description = text_field("How it is measured", required=False, rows=3)
    unit = forms.ChoiceField(
        label="Measured in",
        choices=Unit.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the standard is measured in"},
    )
    polarity = forms.ChoiceField(
        label="Which way is better?",
        choices=Polarity.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether a higher or a lower figure is better"},
    )
    target = number_field("Target", width=5)
    tolerance = number_field(
        "Tolerance", width=5, help_text="How far from target still counts as amber rather than red. 0 for none."
    )

    def clean_tolerance(self):
        value = self.cleaned_data["tolerance"]
        if value < 0:
            raise forms.ValidationError("Enter a tolerance of 0 or more")
        return value


class ResultsForm(forms.Form):
    """A quarter's figures for every standard in force, with commentary where a figure is red or amber."""

    year = forms.TypedChoiceField(label="Financial year", coerce=int, error_messages={"required": "Choose the year"})
    quarter = forms.TypedChoiceField(
        label="Quarter",
        coerce=int,
        choices=[(q, f"Q{q} ({months})") for q, months in QUARTER_MONTHS.items()],
        error_messages={"required": "Choose the quarter"},
    )

    def __init__(self, *args, standards, **kwargs):
        super().__init__(*args, **kwargs)
        self.standards = standards
        self.fields["year"].choices = [(y, financial_year_label(y)) for y in recent_years(4, clock.today())]
        for standard in standards:
            self.fields[field_name(standard.pk, "actual")] = number_field(
                f"Result for {standard.title}",
                required=False,
                width=5,
                help_text=f"Target {standard.target}{standard.suffix}, {standard.get_polarity_display().lower()}.",
            )
            for name, words in COMMENTARY.items():
                label = f"{words[0].upper()}{words[1:]} ({standard.title})"
                self.fields[field_name(standard.pk, name)] = text_field(label, required=False, rows=2)

    def rows(self) -> dict:
        """The figures typed, by standard id; a standard left empty is left out."""
        rows = {}
        for standard in self.standards:
            values = {name: self.cleaned_data.get(field_name(standard.pk, name)) for name in ["actual", *COMMENTARY]}
            if values["actual"] is not None:
                rows[standard.pk] = values
        return rows

    def groups(self):
        """Each standard with its bound fields, for the template to lay out one fieldset per standard."""
        return [
            (standard, [self[field_name(standard.pk, name)] for name in ["actual", *COMMENTARY]])
            for standard in self.standards
        ]
