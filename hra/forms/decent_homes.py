"""Forms for Decent Homes: the programme and profile, spend, re-profiling and decisions, stock condition."""

from django import forms

from hra.forms.fields import MoneyField, count_field, percent_field, year_field
from hra.models import QUARTERS
from organisations.models import Almo

QUARTER_NAMES = {
    1: "Q1 (April to June)",
    2: "Q2 (July to September)",
    3: "Q3 (October to December)",
    4: "Q4 (January to March)",
}


class ProgrammeForm(forms.Form):
    almo = forms.ModelChoiceField(
        label="ALMO",
        queryset=Almo.objects.none(),
        empty_label="Choose an ALMO",
        error_messages={"required": "Choose the ALMO", "invalid_choice": "Choose one of the council's ALMOs"},
    )
    year = year_field()
    allocation = MoneyField(label="Funding allocation", help_text="Supported borrowing for the year, in pounds.")
    sustainability_cap_percent = percent_field(
        "Cap on sustainability and environmental works", help_text="Per cent of the allocation; usually 5."
    )
    tolerance_percent = percent_field(
        "Tolerance for spend against profile", help_text="Per cent of the profile to date, like 10. Beyond it is red."
    )

    def __init__(self, *args, almos=None, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        for quarter in QUARTERS:
            self.fields[f"profile_q{quarter}"] = MoneyField(label=f"Profile for {QUARTER_NAMES[quarter]}")
        if editing:
            del self.fields["almo"], self.fields["year"]
        else:
            self.fields["almo"].queryset = almos

    def profile(self) -> dict:
        return {quarter: self.cleaned_data[f"profile_q{quarter}"] for quarter in QUARTERS}


class QuarterReportForm(forms.Form):
    spend = MoneyField(label="Actual spend", help_text="In the quarter, in pounds.")
    sustainability_spend = MoneyField(
        label="Of which sustainability and environmental works", required=False, help_text="In pounds, if any."
    )
    commentary = forms.CharField(
        label="Variance commentary",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Needed when spend to date is red or amber against the profile.",
    )


class ReprofileForm(forms.Form):
    reason = forms.CharField(
        label="Why should the profile change?",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Explain why the profile should change"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        reason = self.fields.pop("reason")
        for quarter in QUARTERS:
            self.fields[f"new_q{quarter}"] = MoneyField(label=f"New profile for {QUARTER_NAMES[quarter]}")
        self.fields["reason"] = reason

    def new_profile(self) -> dict:
        return {quarter: self.cleaned_data[f"new_q{quarter}"] for quarter in QUARTERS}


class DecisionForm(forms.Form):
    reason = forms.CharField(
        label="Your reasons", required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text="Needed to decline."
    )


# (field, label, required, hint): the labels say what each count is on its own, as a screen reader reads them.
STOCK_FIELDS = [
    ("homes_at_start", "Homes at 1 April", True, ""),
    ("non_decent_at_start", "Non-decent homes at 1 April", True, ""),
    (
        "failing_a",
        "Homes failing criterion A: the statutory minimum",
        False,
        "A home can fail more than one criterion.",
    ),
    ("failing_b", "Homes failing criterion B: a reasonable state of repair", False, ""),
    ("failing_c", "Homes failing criterion C: reasonably modern facilities", False, ""),
    ("failing_d", "Homes failing criterion D: thermal comfort", False, ""),
    ("made_decent", "Homes made decent in the year", False, ""),
    ("became_non_decent", "Homes that became non-decent in the year", False, ""),
    ("tenant_refusals", "Tenant refusals", False, "Non-decent homes whose tenant refused the work: still non-decent."),
    ("demolitions", "Homes demolished", False, ""),
    ("demolitions_non_decent", "Demolished homes that were non-decent", False, ""),
    ("right_to_buy_sales", "Homes sold under the Right to Buy", False, ""),
    ("right_to_buy_non_decent", "Homes sold that were non-decent", False, ""),
    ("transfers", "Homes transferred away", False, ""),
    ("transfers_non_decent", "Homes transferred that were non-decent", False, ""),
]


class StockConditionForm(forms.Form):
    def __init__(self, *args, creating=False, **kwargs):
        super().__init__(*args, **kwargs)
        if creating:
            self.fields["year"] = year_field()
        for name, label, required, hint in STOCK_FIELDS:
            self.fields[name] = count_field(label, required=required, help_text=hint)

    def counts(self) -> dict:
        """The counts as the service takes them: a count left empty is none."""
        return {name: self.cleaned_data.get(name) or 0 for name, *_ in STOCK_FIELDS}
