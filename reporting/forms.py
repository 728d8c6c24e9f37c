from django import forms

from delivery_plans.models import financial_year_label
from reporting.models import ReportRun

QUARTERS = [
    (1, "Q1 (April to June)"),
    (2, "Q2 (July to September)"),
    (3, "Q3 (October to December)"),
    (4, "Q4 (January to March)"),
]


class PeriodForm(forms.Form):
    year = forms.TypedChoiceField(label="Financial year", coerce=int, error_messages={"required": "Choose a year"})
    quarter = forms.TypedChoiceField(
        label="Quarter", coerce=int, choices=QUARTERS, error_messages={"required": "Choose a quarter"}
    )

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, financial_year_label(year)) for year in years]


class CouncilVarianceForm(PeriodForm):
    format = forms.ChoiceField(
        label="Format", choices=ReportRun.Format.choices, widget=forms.RadioSelect, initial=ReportRun.Format.PDF
    )
