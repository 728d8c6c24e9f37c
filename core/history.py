"""Saving a record on someone's behalf: checked first, and their name on the audit history.

Every service saves through `save_as`, so no service sets history fields by hand and no record is
saved without its own validation having run.
"""

from __future__ import annotations

from django.db import models


def save_as(actor, record: models.Model, *, update_fields: list[str] | None = None, exclude=()) -> models.Model:
    """Run `full_clean()` on the fields being saved, then save with `actor` as the author of the history entry.

    With `update_fields`, only those fields (and the constraints over them) are checked: the others were
    checked when they were saved. `exclude` leaves out fields the service has set itself, such as the
    parent a line belongs to.
    """
    skipped = set(exclude)
    if update_fields is not None:
        skipped |= {field.name for field in record._meta.concrete_fields} - set(update_fields)
    record.full_clean(exclude=sorted(skipped) or None)
    record._history_user = actor  # django-simple-history reads this when it writes the history row
    record.save(update_fields=update_fields)
    return record


def delete_as(actor, record: models.Model) -> None:
    """Delete a record with `actor` named as the author of its last history entry."""
    record._history_user = actor
    record.delete()


def create_as(actor, model: type[models.Model], **fields) -> models.Model:
    """Make, check and save a new record on behalf of `actor`."""
    return save_as(actor, model(**fields))
