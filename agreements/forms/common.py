"""Widgets and messages the agreements forms share."""

from django import forms


def date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date", "class": "govuk-input--width-10"}, format="%Y-%m-%d")


def date_field(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=date_widget(),
        error_messages={
            "required": f"Enter the {label[0].lower() + label[1:]}",
            "invalid": f"Enter the {label[0].lower() + label[1:]} as a real date, like 31 March 2027",
        },
    )


def textarea(rows: int = 4) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def say(form: forms.Form, messages: dict[str, str]) -> None:
    """Plain-English messages for empty required fields, named after what to enter."""
    for name, message in messages.items():
        form.fields[name].error_messages["required"] = message
