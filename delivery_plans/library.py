"""Load the shipped indicator library into the database: used by a migration and by a command."""

from dataclasses import asdict

from core.text import natural_sort_key
from delivery_plans.library_data import INDICATOR_LIBRARY

FIELD_NAMES = {"numerator": "numerator_definition", "denominator": "denominator_definition"}


def library_rows():
    for spec in INDICATOR_LIBRARY:
        row = {FIELD_NAMES.get(key, key): value for key, value in asdict(spec).items()}
        yield row.pop("code"), row


def load_library(indicator_model) -> tuple[int, int]:
    """Create or update each library indicator by code; returns (created, updated)."""
    created = updated = 0
    # Migrations pass the model as it was then, which may lack fields added since.
    known = {field.name for field in indicator_model._meta.get_fields()}
    for code, values in library_rows():
        values = {name: value for name, value in values.items() if name in known}
        if "sort_key" in known:  # the model a migration passes has fields, not the model's save()
            values["sort_key"] = natural_sort_key(code)
        indicator = indicator_model.objects.filter(council__isnull=True, code=code).first()
        if indicator is None:
            indicator_model.objects.create(code=code, **values)
            created += 1
        elif any(getattr(indicator, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(indicator, name, value)
            indicator.save()
            updated += 1
    return created, updated
