"""Forms for involvement groups, their members, meetings and recommendations, and the ALMO's response."""

from django import forms

from organisations.models import BoardMember
from tenants.forms import count_field, date_field
from tenants.models import GroupMember, InvolvementGroup, Recommendation


class GroupForm(forms.Form):
    name = forms.CharField(label="Name", max_length=150, error_messages={"required": "Enter the group's name"})
    kind = forms.ChoiceField(
        label="Type of group",
        choices=InvolvementGroup.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the type of group"},
    )
    purpose = forms.CharField(label="What is the group for?", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    founded_on = date_field("Set up on", required=False)
    is_active = forms.BooleanField(label="The group meets now", required=False, initial=True)


class MemberForm(forms.Form):
    name = forms.CharField(label="Name", max_length=150, error_messages={"required": "Enter the member's name"})
    tenure = forms.ChoiceField(
        label="Tenure",
        choices=GroupMember.Tenure.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the member's tenure"},
    )
    office = forms.ChoiceField(label="Role in the group", choices=GroupMember.Office.choices, initial="member")
    joined_on = date_field("Joined on")
    board_seat = forms.ModelChoiceField(
        label="Place on the ALMO's board (optional)",
        queryset=BoardMember.objects.none(),
        required=False,
        empty_label="No board place",
        help_text="Tenant and leaseholder places on the board, for a member the groups elected to it.",
        error_messages={"invalid_choice": "Choose one of the board's tenant or leaseholder places"},
    )

    def __init__(self, *args, seats, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["board_seat"].queryset = seats


class LeaveForm(forms.Form):
    left_on = date_field("Left on")


class MeetingForm(forms.Form):
    held_on = date_field("Held on")
    subject = forms.CharField(
        label="Subject", max_length=200, error_messages={"required": "Enter what the meeting was about"}
    )
    attendance = count_field("Members who came", required=False, width=3)
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class RecommendationForm(forms.Form):
    title = forms.CharField(
        label="Recommendation", max_length=200, error_messages={"required": "Enter the recommendation in a line"}
    )
    detail = forms.CharField(
        label="Detail",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter what the group recommends and why"},
    )
    made_on = date_field("Made on")
    respond_by = date_field("Response due by", required=False)
    meeting = forms.ModelChoiceField(
        label="Made at the meeting (optional)",
        queryset=None,
        required=False,
        empty_label="Not at a recorded meeting",
        error_messages={"invalid_choice": "Choose one of the group's meetings"},
    )

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings

    def clean(self):
        data = super().clean()
        if data.get("made_on") and data.get("respond_by") and data["respond_by"] < data["made_on"]:
            self.add_error("respond_by", "The response date must be on or after the date the recommendation was made")
        return data


class ResponseForm(forms.Form):
    status = forms.ChoiceField(
        label="Does the ALMO accept the recommendation?",
        choices=[c for c in Recommendation.Status.choices if c[0] != Recommendation.Status.AWAITING],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the ALMO accepts the recommendation"},
    )
    response = forms.CharField(
        label="The ALMO's response",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What the ALMO will do and by when, or why it will not.",
        error_messages={"required": "Enter the ALMO's response"},
    )
