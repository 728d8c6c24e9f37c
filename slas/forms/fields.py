"""Form fields the SLA forms share: dates, money and figures, each with messages that name what to enter."""

from django import forms

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


def date_field(label: str, help_text: str = "For example, 2027-03-31.", required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date", "class": "govuk-input--width-10"}, format="%Y-%m-%d"),
        error_messages={
            "required": f"Enter the {label[0].lower() + label[1:]}",
            "invalid": f"Enter the {label[0].lower() + label[1:]} as a real date, like 2027-03-31",
        },
    )


def number_field(
    label: str, *, required: bool = True, places: int = 2, digits: int = 12, help_text: str = "", width: int = 10
) -> forms.DecimalField:
    name = label[0].lower() + label[1:]
    return forms.DecimalField(
        label=label,
        required=required,
        max_digits=digits,
        decimal_places=places,
        help_text=help_text,
        widget=forms.TextInput(
            attrs={"inputmode": "decimal", "class": f"govuk-input--width-{width}", "spellcheck": "false"}
        ),
        error_messages={
            "required": f"Enter the {name}",
            "invalid": f"Enter the {name} as a number, like 1250.50",
            "max_digits": f"The {name} has too many digits",
            "max_decimal_places": f"Enter the {name} with at most {places} decimal places",
            "max_whole_digits": f"The {name} is too large",
        },
    )


def text_field(label: str, *, required: bool = True, max_length: int | None = None, rows: int = 0, help_text: str = ""):
    name = label[0].lower() + label[1:]
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput(),
        error_messages={
            "required": f"Enter {name}" if rows else f"Enter the {name}",
            "max_length": f"The {name} must be {max_length} characters or fewer",
        },
    )
