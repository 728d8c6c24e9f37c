"""Forms for the HRA: a year, its lines, forecasts, the allocation agreed with an ALMO, and capital receipts."""

from django import forms

from hra.forms.fields import MoneyField, count_field, percent_field, quarter_field, year_field
from hra.models import CapitalReceipt, LineCategory
from hra.selectors import measure_title
from organisations.models import Almo

COMMENTARY_WIDGET = forms.Textarea(attrs={"rows": 4})


class HraYearForm(forms.Form):
    year = year_field()
    opening_balance = MoneyField(
        label="Working balance at 1 April", allow_negative=True, help_text="Brought forward, in pounds."
    )
    minimum_balance = MoneyField(
        label="Minimum working balance", help_text="The council's policy: the balance must not fall below this."
    )
    general_fund_recharge_limit = MoneyField(
        label="Agreed level of General Fund recharges",
        help_text="What the General Fund may charge the HRA this year, in pounds.",
    )
    tolerance_percent = percent_field(
        "Tolerance for variances", help_text="As a percentage of each line's budget, like 2. Beyond it is red."
    )

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["year"]


class LineForm(forms.Form):
    category = forms.ModelChoiceField(
        label="Category",
        queryset=LineCategory.objects.all(),
        empty_label="Choose a category",
        error_messages={"required": "Choose the line's category", "invalid_choice": "Choose one of the categories"},
    )
    name = forms.CharField(label="Line", max_length=150, error_messages={"required": "Enter the line's name"})
    holder = forms.ModelChoiceField(
        label="Held by",
        queryset=Almo.objects.none(),
        required=False,
        empty_label="The council keeps it",
        help_text="An ALMO holds a line under its management fee or delegation.",
        error_messages={"invalid_choice": "Choose one of the council's ALMOs"},
    )
    budget = MoneyField(label="Budget")

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["holder"].queryset = Almo.objects.filter(council=council)


class LineReportForm(forms.Form):
    quarter = quarter_field("Which figure?", choices=[(q, measure_title(q)) for q in (1, 2, 3, 4)])
    figure = MoneyField(
        label="Amount", required=False, help_text="For the whole year, in pounds. Leave empty to clear."
    )
    commentary = forms.CharField(
        label="Variance commentary",
        required=False,
        widget=COMMENTARY_WIDGET,
        help_text="Needed when the figure is red or amber: what happened, why, and what is being done.",
    )


class AllocationForm(forms.Form):
    almo = forms.ModelChoiceField(
        label="ALMO",
        queryset=Almo.objects.none(),
        empty_label="Choose an ALMO",
        error_messages={"required": "Choose the ALMO", "invalid_choice": "Choose one of the council's ALMOs"},
    )
    management_fee = MoneyField(label="Management fee")
    almo_share_percent = percent_field("ALMO share of capital receipts", help_text="Per cent.")
    council_share_percent = percent_field("Council share of capital receipts", help_text="Per cent.")
    pooled_percent = percent_field("Pooled share of capital receipts", help_text="Per cent. The three add up to 100.")
    notes = forms.CharField(label="Notes (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, council, almo=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["almo"].queryset = Almo.objects.filter(council=council)
        if almo is not None:
            del self.fields["almo"]

    def clean(self):
        data = super().clean()
        shares = [data.get(name) for name in ("almo_share_percent", "council_share_percent", "pooled_percent")]
        if all(share is not None for share in shares) and sum(shares) != 100:
            self.add_error(
                "pooled_percent",
                f"The ALMO, council and pooled shares add up to {sum(shares).normalize():f} per cent: they must add "
                "up to 100 per cent.",
            )
        return data


class ReceiptForm(forms.Form):
    quarter = quarter_field()
    kind = forms.ChoiceField(
        label="Kind of sale",
        choices=CapitalReceipt.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of sale"},
    )
    homes = count_field("Homes sold", minimum=1)
    amount = MoneyField(label="Receipt", help_text="The money received, in pounds.")
    description = forms.CharField(label="Description (optional)", required=False, max_length=200)
