"""Forms for raising a dispute and moving it through its stages."""

from django import forms

from slas.forms.fields import number_field, text_field
from slas.models import Outcome, Stage


class DisputeForm(forms.Form):
    title = text_field("Title", max_length=200, help_text="For example, IT charge for devices not supplied.")
    description = text_field("What is disputed, and what do you want to happen?", rows=4)
    amount_disputed = number_field("Amount in dispute, in pounds", required=False, help_text="If there is one.")


class MoveForm(forms.Form):
    stage = forms.ChoiceField(
        label="Move the dispute to",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the stage to move the dispute to"},
    )
    note = text_field("What was discussed or decided", rows=4)
    outcome = forms.ChoiceField(
        label="Outcome",
        required=False,
        choices=[("", "Choose an outcome (when resolving)"), *Outcome.choices],
        help_text="Only when the dispute is resolved.",
    )
    credit_agreed = number_field(
        "Credit to the ALMO, in pounds",
        required=False,
        help_text="Only when settled in the ALMO's favour or by compromise.",
    )

    def __init__(self, *args, dispute, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [(stage, Stage(stage).label) for stage in dispute.next_stages()]
