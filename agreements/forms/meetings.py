"""Forms for meeting series, meeting dates, agenda items, minutes and actions."""

from django import forms

from agreements.forms.common import date_field, say, textarea
from agreements.models import MeetingAction, MeetingSeries


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class SeriesForm(forms.ModelForm):
    chair = PersonChoiceField(label="Chair", queryset=None, required=False, empty_label="Someone outside the portal")
    members = PeopleChoiceField(
        label="Members in the portal", queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = MeetingSeries
        fields = ["kind", "name", "frequency", "chair", "chair_name", "members", "outside_members"]
        widgets = {"outside_members": textarea(4)}

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = people
        self.fields["members"].queryset = people
        self.fields["kind"].widget = forms.RadioSelect(choices=MeetingSeries.Kind.choices)
        say(
            self,
            {
                "kind": "Choose the kind of meeting",
                "name": "Enter a name for the meeting",
                "frequency": "Choose how often it meets",
            },
        )


class MeetingForm(forms.Form):
    held_on = date_field("Date of the meeting")
    location = forms.CharField(label="Where", max_length=200, required=False, help_text="Optional.")


class AgendaItemForm(forms.Form):
    title = forms.CharField(label="Item", max_length=300, error_messages={"required": "Enter the agenda item"})
    detail = forms.CharField(label="Detail", required=False, widget=textarea(3), help_text="Optional.")
    reference = forms.CharField(
        label="Reference",
        max_length=300,
        required=False,
        help_text="Optional: a paper's reference or a page address, such as a return or a concern.",
    )


class MinutesForm(forms.Form):
    """The meeting's minutes, with a minute and a decision for each agenda item."""

    attendees = forms.CharField(label="Who came", widget=textarea(3), required=False, help_text="One a line.")
    apologies = forms.CharField(label="Apologies", widget=textarea(2), required=False, help_text="One a line.")
    summary = forms.CharField(
        label="Minutes", widget=textarea(6), error_messages={"required": "Enter the minutes of the meeting"}
    )

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            self.fields[f"item_{item.pk}_minutes"] = forms.CharField(
                label=f"Minute: {item.title}"[:200], required=False, widget=textarea(2), initial=item.minutes
            )
            self.fields[f"item_{item.pk}_decision"] = forms.CharField(
                label=f"Decision: {item.title}"[:200], required=False, widget=textarea(2), initial=item.decision
            )

    def item_notes(self) -> dict:
        return {
            item.pk: {
                "minutes": self.cleaned_data.get(f"item_{item.pk}_minutes", ""),
                "decision": self.cleaned_data.get(f"item_{item.pk}_decision", ""),
            }
            for item in self.items
        }


class ActionForm(forms.Form):
    description = forms.CharField(
        label="Action", widget=textarea(3), error_messages={"required": "Describe the action"}
    )
    owner = PersonChoiceField(label="Owner", queryset=None, required=False, empty_label="Someone outside the portal")
    owner_name = forms.CharField(
        label="Owner from outside the portal", max_length=150, required=False, help_text="Only if not in the portal."
    )
    due_on = date_field("Due date")

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people


class ActionUpdateForm(forms.Form):
    status = forms.ChoiceField(
        label="Status",
        choices=MeetingAction.Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the action's status"},
    )
    closing_note = forms.CharField(
        label="What was done, or why it is no longer needed", widget=textarea(3), required=False
    )
    due_on = date_field("New due date", required=False, help_text="Optional: only to move the due date.")
