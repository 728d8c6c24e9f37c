from django import forms

from core.periods import financial_year_label
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
    council = forms.ModelChoiceField(
        label="Council",
        queryset=None,
        error_messages={"required": "Choose a council", "invalid_choice": "Choose a council"},
    )
    format = forms.ChoiceField(
        label="Format", choices=ReportRun.Format.choices, widget=forms.RadioSelect, initial=ReportRun.Format.PDF
    )
    field_order = ["council", "year", "quarter", "format"]

    def __init__(self, *args, councils, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = councils
        self.fields["council"].empty_label = None


class BoardPackForm(PeriodForm):
    almo = forms.ModelChoiceField(
        label="ALMO", queryset=None, error_messages={"required": "Choose an ALMO", "invalid_choice": "Choose an ALMO"}
    )
    field_order = ["almo", "year", "quarter"]

    def __init__(self, *args, almos, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["almo"].queryset = almos
        self.fields["almo"].empty_label = None
