"""Importing the register of eligible tenancies from a CSV or Excel file: all or nothing, no tenancy twice."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from consultations.models import Ballot, Tenancy
from core.spreadsheets import SpreadsheetError, read_table

COLUMNS = ["tenancy reference", "name", "address", "postcode", "tenure", "area"]
FIELDS = ["reference", "name", "address", "postcode", "tenure", "area"]
MAX_ROWS = 30_000
MAX_ERRORS = 20
POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")
_TENURES = {**{v: v for v in Tenancy.Tenure.values}, **{label.lower(): v for v, label in Tenancy.Tenure.choices}}
_TENURES |= {"shared ownership": "shared_ownership", "leaseholder": "leasehold"}
TENURE_HELP = ", ".join(label.lower() for _v, label in Tenancy.Tenure.choices)


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _header(row: list) -> None:
    names = [_text(cell).lower().replace("_", " ") for cell in row]
    if names[: len(COLUMNS)] != COLUMNS or any(names[len(COLUMNS) :]):
        raise ValidationError({"file": f"The first row must be the headings: {', '.join(COLUMNS)}."})


def _row(number: int, row: list) -> tuple[dict | None, list[str]]:
    values = dict(zip(FIELDS, [_text(cell) for cell in row] + [""] * len(FIELDS), strict=False))
    problems = []
    for field, heading in zip(FIELDS, COLUMNS, strict=True):
        if not values[field]:
            problems.append(f"Row {number}: enter the {heading}.")
    limits = {f.name: f.max_length for f in Tenancy._meta.fields if f.name in FIELDS}
    for field, heading in zip(FIELDS, COLUMNS, strict=True):
        if len(values[field]) > limits[field]:
            problems.append(f"Row {number}: the {heading} must be {limits[field]} characters or fewer.")
    tenure = _TENURES.get(values["tenure"].lower())
    if values["tenure"] and tenure is None:
        problems.append(f"Row {number}: the tenure must be one of: {TENURE_HELP}.")
    postcode = values["postcode"].upper()
    if postcode and not POSTCODE.match(postcode):
        problems.append(f"Row {number}: enter a real postcode, like LS1 4AP.")
    if problems:
        return None, problems
    return {**values, "tenure": tenure, "postcode": postcode}, []


def read_register(name: str, content: bytes) -> list[dict]:
    """The file's tenancies, checked; ValidationError naming each row that is wrong (the first 20)."""
    try:
        rows = list(read_table(name, content, max_columns=len(COLUMNS) + 1, max_rows=MAX_ROWS + 1))
    except SpreadsheetError as error:
        raise ValidationError({"file": error.message}) from error
    if not rows:
        raise ValidationError({"file": "The selected file is empty."})
    _header(rows[0])
    tenancies, problems, seen = [], [], {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(_text(cell) for cell in row):
            continue
        values, row_problems = _row(number, row)
        problems += row_problems
        if values:
            key = values["reference"].upper()
            if key in seen:
                problems.append(
                    f"Row {number}: tenancy {values['reference']} is listed twice (first on row {seen[key]})."
                )
            seen.setdefault(key, number)
            tenancies.append({**values, "row": number})
    if not tenancies and not problems:
        raise ValidationError({"file": "The file has headings but no tenancies."})
    if problems:
        more = len(problems) - MAX_ERRORS
        raise ValidationError({"file": problems[:MAX_ERRORS] + ([f"And {more} more problems."] if more > 0 else [])})
    return tenancies


@transaction.atomic
def tenancies_import(*, actor, ballot: Ballot, name: str, content: bytes) -> int:
    """Add the file's tenancies to the ballot's register, all or none; returns how many were added."""
    ballot = Ballot.objects.select_for_update(of=("self",)).get_for(actor, "manage_register", pk=ballot.pk)
    if ballot.status != Ballot.Status.DRAFT:
        raise ValidationError({"file": "The ballot has opened, so its register cannot change. Reissue codes instead."})
    tenancies = read_register(name, content)
    existing = {ref.upper() for ref in Tenancy.objects.filter(ballot=ballot).values_list("reference", flat=True)}
    clashes = [f"Row {t['row']}: tenancy {t['reference']} is already on the register." for t in tenancies]
    clashes = [message for t, message in zip(tenancies, clashes, strict=True) if t["reference"].upper() in existing]
    if clashes:
        raise ValidationError({"file": clashes[:MAX_ERRORS]})
    records = [Tenancy(ballot=ballot, **{field: values[field] for field in FIELDS}) for values in tenancies]
    # Every row was checked above; one insert (and one of history) for thousands of tenancies.
    bulk_create_with_history(records, Tenancy, batch_size=1000, default_user=actor)
    return len(records)
