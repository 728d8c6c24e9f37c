from django import forms

from organisations.two_factor.services import normalise


class CodeForm(forms.Form):
    """One code: 6 digits from the authenticator app, or (where allowed) a recovery code."""

    code = forms.CharField(
        label="Security code",
        max_length=20,
        error_messages={"required": "Enter the 6-digit code from your authenticator app"},
    )

    def __init__(self, *args, recovery_allowed: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.recovery_allowed = recovery_allowed
        field = self.fields["code"]
        if recovery_allowed:
            field.help_text = (
                "Enter the 6-digit code your authenticator app shows now. If you cannot use the app, enter one "
                "of your recovery codes."
            )
            field.error_messages["required"] = "Enter the 6-digit code from your authenticator app, or a recovery code"
        else:
            field.help_text = "Enter the 6-digit code your authenticator app shows now."
            # Digits only here, so phones offer the number keypad.
            field.widget.attrs["inputmode"] = "numeric"
        field.widget.attrs.update(
            {"autocomplete": "one-time-code", "spellcheck": "false", "class": "govuk-input--width-10"}
        )

    def clean_code(self):
        code = normalise(self.cleaned_data["code"])
        if code.isdigit():
            if len(code) != 6:
                raise forms.ValidationError("Enter the code as 6 digits")
        elif not self.recovery_allowed:
            raise forms.ValidationError("Enter the code as 6 digits")
        return code

    def refuse(self):
        """A code that was well formed but not right."""
        if self.recovery_allowed:
            message = "The code is not right. Enter the code your app shows now, or an unused recovery code"
        else:
            message = "The code is not right. Enter the code your app shows now"
        self.add_error("code", message)
