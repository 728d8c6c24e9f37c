"""The form for adding a benchmark to compare an SLA's charge with."""

from django import forms

from core import clock
from core.periods import financial_year_label, recent_years
from slas.forms.fields import number_field, text_field
from slas.models import Benchmark


class BenchmarkForm(forms.Form):
    kind = forms.ChoiceField(
        label="What kind of benchmark is it?",
        choices=Benchmark.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of benchmark"},
    )
    source = text_field("Source", max_length=200, help_text="Who quoted or published it, for example Ridley Law LLP.")
    year = forms.TypedChoiceField(
        label="Financial year it is priced at",
        coerce=int,
        error_messages={"required": "Choose the year it is priced at", "invalid_choice": "Choose one of the years"},
    )
    amount = number_field("Amount")
    basis = forms.ChoiceField(
        label="Is the amount a total or a cost per home?",
        choices=Benchmark.Basis.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the amount is a total or a cost per home"},
    )
    homes_covered = forms.IntegerField(
        label="Homes the total covers",
        required=False,
        min_value=1,
        help_text="For a total only.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-5"}),
        error_messages={
            "invalid": "Enter the homes covered as a whole number",
            "min_value": "Enter at least 1 home",
        },
    )
    currency = forms.CharField(
        label="Currency",
        max_length=3,
        initial="GBP",
        help_text="A three-letter code: GBP for pounds.",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-3", "spellcheck": "false"}),
        error_messages={"required": "Enter the currency, GBP for pounds", "max_length": "Enter a three-letter code"},
    )
    rate_to_pounds = number_field(
        "Pounds for one unit of the currency",
        required=False,
        places=6,
        width=5,
        help_text="Only for a benchmark in another currency.",
    )
    uplift_percent = number_field(
        "Uplift to the charge's year, in per cent",
        required=False,
        digits=6,
        width=4,
        help_text="Only for a benchmark priced at another year. For example, 3.5, or -2 to bring it down.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, financial_year_label(y)) for y in recent_years(6, clock.today())]
