"""The anonymised results file: counts under five, and any that would give them away, are suppressed."""

import csv
import io

import pytest
from django.urls import reverse

from tenants import services
from tenants.exports import SUPPRESSED, suppress
from tenants.measures import BY_CODE, Counts, Result

pytestmark = pytest.mark.django_db


def _row(scale, not_on_scale=0):
    return suppress(Result(BY_CODE["TP01"], Counts(scale, not_on_scale)))


def test_nothing_is_hidden_when_every_count_is_five_or_more():
    assert _row((10, 20, 8, 6, 5), 7) == [49, 10, 20, 8, 6, 5, 7, 30, "61.2"]


def test_a_small_count_and_the_next_smallest_are_hidden():
    # 3 is under five; with the base shown it could be worked out from the rest, so 6 goes too.
    assert _row((10, 20, 8, 6, 3)) == [47, 10, 20, 8, SUPPRESSED, SUPPRESSED, SUPPRESSED, 30, "63.8"]


def test_hiding_one_part_of_the_satisfied_hides_the_other():
    row = _row((2, 30, 8, 6, 4))
    assert row[1:3] == [SUPPRESSED, SUPPRESSED]
    assert row[7:] == [SUPPRESSED, SUPPRESSED]  # the number satisfied would give "very satisfied" away


def test_a_tiny_base_hides_everything():
    assert _row((1, 1, 1, 0, 0)) == [SUPPRESSED] * 9


def test_the_download_is_scoped_and_suppressed(client, survey, almo_staff, other_staff):
    counts = {code: {"very_satisfied": 6, "fairly_satisfied": 2, "neither": 2} for code in BY_CODE}
    counts["TP05"] = {"very_satisfied": 5, "fairly_satisfied": 5}
    for code in ("TP02", "TP03", "TP09", "TP10"):
        counts[code] = {}
    services.survey_set_counts(actor=almo_staff, survey=survey, achieved=10, counts=counts)
    client.force_login(other_staff)
    assert client.get(reverse("tenants:survey_export", args=[survey.pk])).status_code == 404
    client.force_login(almo_staff)
    response = client.get(reverse("tenants:survey_export", args=[survey.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    tp01 = next(row for row in rows if row and row[0] == "TP01")
    # Two "fairly satisfied" would show through the number satisfied, so "very satisfied" and the result go too.
    assert tp01 == ["TP01", "Overall satisfaction", "10", *["[c]"] * 8]
    tp05 = next(row for row in rows if row and row[0] == "TP05")
    assert tp05 == ["TP05", BY_CODE["TP05"].name, "10", "5", "5", "[c]", "[c]", "[c]", "[c]", "10", "100.0"]
    assert 'filename="northmoor-homes-lcra-survey-2025-results.csv"' in response["Content-Disposition"]
