"""Forms for the intervention ladder: starting, escalating, deadlines, notices and closing."""

from django import forms

from agreements.forms.common import date_field, textarea
from agreements.models import InterventionStage
from organisations.access import Party
from organisations.models import Almo


class StageChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class InterventionStartForm(forms.Form):
    almo = forms.ModelChoiceField(
        label="ALMO",
        queryset=Almo.objects.none(),
        empty_label="Choose an ALMO",
        error_messages={"required": "Choose the ALMO", "invalid_choice": "Choose one of the ALMOs"},
    )
    about_party = forms.ChoiceField(
        label="Whose failure to perform is it?",
        choices=Party.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whose failure it is"},
    )
    concern_title = forms.ChoiceField(
        label="Performance concern it comes from", required=False, help_text="Leave empty to start by hand."
    )
    title = forms.CharField(label="Title", max_length=200, error_messages={"required": "Enter a short title"})
    failure = forms.CharField(
        label="What is failing, and what is the effect?",
        widget=textarea(4),
        error_messages={"required": "Describe the failure to perform"},
    )
    stage = StageChoiceField(
        label="Stage to start at",
        queryset=InterventionStage.objects.all(),
        required=False,
        empty_label="The first stage",
        error_messages={"invalid_choice": "Choose one of the stages"},
    )
    reason = forms.CharField(
        label="Why start above the first stage?", widget=textarea(3), required=False, help_text="Only if you do."
    )
    started_on = date_field("Date it started", required=False, help_text="Leave empty for today.")

    def __init__(self, *args, almos, concerns=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["almo"].queryset = almos
        if len(almos) == 1:
            self.fields["almo"].initial = almos[0].pk
        self.fields["concern_title"].choices = [("", "None: start by hand"), *concerns]


class EscalateForm(forms.Form):
    stage = StageChoiceField(
        label="Move to",
        queryset=InterventionStage.objects.all(),
        empty_label="Choose a stage",
        error_messages={"required": "Choose the stage to move to", "invalid_choice": "Choose one of the stages"},
    )
    reason = forms.CharField(
        label="Reason", widget=textarea(3), required=False, help_text="Needed if you skip a stage."
    )
    started_on = date_field("Date", required=False, help_text="Leave empty for today.")


class DeadlineMetForm(forms.Form):
    met_on = date_field("Date it was met", required=False, help_text="Leave empty for today.")
    note = forms.CharField(label="Note", widget=textarea(2), required=False)


class DeadlineExtendForm(forms.Form):
    due_on = date_field("New due date", help_text="A working day: not a weekend or a bank holiday.")
    reason = forms.CharField(label="Why more time", widget=textarea(2), error_messages={"required": "Say why"})


class NoticeForm(forms.Form):
    subject = forms.CharField(label="Subject", max_length=200, error_messages={"required": "Enter the subject"})
    text = forms.CharField(
        label="What the notice says", widget=textarea(6), error_messages={"required": "Enter the notice"}
    )
    response_working_days = forms.IntegerField(
        label="Working days to respond",
        min_value=1,
        max_value=120,
        initial=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={
            "required": "Enter the working days to respond",
            "invalid": "Enter a whole number of working days, from 1 to 120",
            "min_value": "Enter a whole number of working days, from 1 to 120",
            "max_value": "Enter a whole number of working days, from 1 to 120",
        },
    )
    served_on = date_field("Date served", required=False, help_text="Leave empty for today.")


class NoticeResponseForm(forms.Form):
    response = forms.CharField(label="Response", widget=textarea(5), error_messages={"required": "Enter the response"})
    responded_on = date_field("Date of the response", required=False, help_text="Leave empty for today.")


class CloseForm(forms.Form):
    resolution = forms.CharField(
        label="How was the failure put right?",
        widget=textarea(4),
        error_messages={"required": "Say how the failure was put right"},
    )
    closed_on = date_field("Date resolved", required=False, help_text="Leave empty for today.")
