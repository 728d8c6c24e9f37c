"""Forms for the thirty-year investment plan: the plan, archetypes, components and resources."""

from django import forms

from hra.forms.fields import MoneyField, count_field, year_field
from hra.models import HORIZON_YEARS, Resource
from organisations.models import Almo


class InvestmentPlanForm(forms.Form):
    almo = forms.ModelChoiceField(
        label="ALMO",
        queryset=Almo.objects.none(),
        empty_label="Choose an ALMO",
        error_messages={"required": "Choose the ALMO", "invalid_choice": "Choose one of the ALMOs"},
    )
    first_year = year_field("First financial year")
    title = forms.CharField(label="Title", max_length=150, error_messages={"required": "Enter a title for the plan"})

    def __init__(self, *args, almos, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["almo"].queryset = almos


class ArchetypeForm(forms.Form):
    name = forms.CharField(
        label="Archetype",
        max_length=120,
        help_text="A group of similar homes, like 1960s low-rise flats.",
        error_messages={"required": "Enter the archetype's name"},
    )
    homes = count_field("Homes", minimum=1)


class ComponentForm(forms.Form):
    name = forms.CharField(
        label="Component",
        max_length=120,
        help_text="Like kitchen, roof or heating.",
        error_messages={"required": "Enter the component's name"},
    )
    per_home = forms.DecimalField(
        label="Number per home",
        min_value=0,
        max_digits=6,
        decimal_places=2,
        initial=1,
        help_text="A share of a block's roof or lift is a fraction, like 0.25.",
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-4"}),
        error_messages={
            "required": "Enter the number per home",
            "invalid": "Enter the number per home, like 1 or 0.25",
            "min_value": "Enter a number per home of zero or more",
            "max_digits": "Enter a number per home under 10,000",
            "max_decimal_places": "Enter the number per home with no more than 2 decimal places",
        },
    )
    unit_cost = MoneyField(label="Cost to replace one", help_text="In pounds.")
    lifetime_years = count_field("Lifetime in years", minimum=1)
    age_years = count_field("Age now in years", help_text="Typical age at the start of the plan.")

    def clean_lifetime_years(self):
        value = self.cleaned_data["lifetime_years"]
        if value > 100:
            raise forms.ValidationError("Enter a lifetime of no more than 100 years")
        return value


class ResourceForm(forms.Form):
    source = forms.ChoiceField(
        label="Source",
        choices=Resource.Source.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose where the money comes from"},
    )
    from_year = count_field(
        "From year of the plan", minimum=1, help_text=f"1 for the first year, up to {HORIZON_YEARS}."
    )
    to_year = count_field("To year of the plan", minimum=1, help_text=f"Up to {HORIZON_YEARS}.")
    amount_per_year = MoneyField(label="Amount each year")

    def clean(self):
        data = super().clean()
        start, end = data.get("from_year"), data.get("to_year")
        if start is not None and start > HORIZON_YEARS:
            self.add_error("from_year", f"Enter a year of the plan from 1 to {HORIZON_YEARS}")
        if end is not None and end > HORIZON_YEARS:
            self.add_error("to_year", f"Enter a year of the plan from 1 to {HORIZON_YEARS}")
        elif start is not None and end is not None and end < start:
            self.add_error("to_year", "The last year must be the same as or after the first year")
        return data
