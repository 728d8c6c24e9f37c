"""Forms for setting up a ballot, importing its register, reissuing a code, and the public voting page."""

from django import forms

from consultations.codes import LENGTH
from consultations.forms.consultations import DATE


class OverseerChoice(forms.ModelChoiceField):
    def label_from_instance(self, membership):
        user = membership.user
        return f"{user.get_full_name() or user.username}, observer at {membership.organisation}"


class BallotForm(forms.Form):
    question = forms.CharField(
        label="The question on the ballot paper",
        max_length=300,
        error_messages={"required": "Enter the question tenants will answer"},
    )
    opens_on = forms.DateField(label="Voting opens", error_messages={"required": "Enter the day voting opens"}, **DATE)
    closes_on = forms.DateField(
        label="Last day of voting", error_messages={"required": "Enter the last day of voting"}, **DATE
    )
    overseer = OverseerChoice(
        queryset=None,
        label="Who oversees the ballot?",
        help_text="The person from the external organisation. They close the ballot, check it and publish the result.",
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": "Choose who oversees the ballot",
            "invalid_choice": "Choose an observer who has been given access to this ALMO",
        },
    )

    def __init__(self, *args, overseers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["overseer"].queryset = overseers

    def clean(self):
        cleaned = super().clean()
        opens, closes = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", "The last day of voting must be on or after the day voting opens")
        return cleaned


class RegisterForm(forms.Form):
    file = forms.FileField(
        label="Upload the register of eligible tenancies",
        help_text="A CSV file or Excel workbook with the headings: tenancy reference, name, address, postcode, "
        "tenure, area.",
        error_messages={"required": "Select a CSV or Excel file", "empty": "The selected file is empty."},
    )


class ReissueForm(forms.Form):
    reason = forms.CharField(
        label="Why is the code being reissued?",
        max_length=300,
        help_text="For example: letter lost, or not delivered. The old code stops working at once.",
        error_messages={"required": "Say why the code is being reissued"},
    )


class VoteForm(forms.Form):
    """The public ballot paper. The code travels in the form's body, never in an address."""

    code = forms.CharField(
        label="Your voting code",
        max_length=60,
        help_text=f"It is on your letter: {LENGTH} letters and numbers, for example 7K2M-9QXR-4TBC-H3WD.",
        error_messages={"required": "Enter the voting code from your letter"},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}),
    )
    option = forms.TypedChoiceField(
        label="How do you vote?",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose one option", "invalid_choice": "Choose one of the options on the ballot"},
    )

    def __init__(self, *args, options, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["option"].choices = [(option.pk, option.title) for option in options]
