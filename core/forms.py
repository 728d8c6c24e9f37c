"""Showing a service's ValidationError to a person: on the form it came from, or as messages."""

from django.contrib import messages
from django.core.exceptions import ValidationError


def attach_errors(form, error: ValidationError) -> None:
    """Put each message on its field where the form has one, otherwise at the top of the form."""
    if hasattr(error, "error_dict"):
        for field, field_messages in error.message_dict.items():
            for message in field_messages:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def flash_errors(request, error: ValidationError) -> None:
    """For actions with no form of their own (a button): each message as an error banner."""
    for message in error.messages:
        messages.error(request, message)
