from django import forms

from api_access.services import DEFAULT_EXPIRY_DAYS, EXPIRY_DAYS


class TokenForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=100,
        help_text="What will use the token, for example 'Housing management system'. Only you see this.",
        error_messages={"required": "Enter a name for the token"},
    )
    days = forms.TypedChoiceField(
        label="When should the token expire?",
        coerce=int,
        choices=[(days, f"In {label}") for days, label in EXPIRY_DAYS.items()],
        initial=DEFAULT_EXPIRY_DAYS,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose when the token expires", "invalid_choice": "Choose when the token expires"},
    )
