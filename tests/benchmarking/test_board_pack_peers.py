"""The board pack's "Among peers" section: the ALMO's figures placed among every ALMO's, no peer's figure shown.

The `peers` fixture (tests/benchmarking/conftest.py) gives six ALMOs' accepted figures for Q4 2025/26.
"""

import pytest
from django.urls import reverse

from reporting.models import ReportRun
from tests.reporting.conftest import pdf_text

pytestmark = pytest.mark.django_db


def board_pack_text(client, almo, captured) -> str:
    with captured(execute=True):
        client.post(reverse("reporting:request_board_pack"), {"almo": almo.pk, "year": 2025, "quarter": 4})
    run = ReportRun.objects.get(kind="board_pack")
    assert run.status == "done", run.error
    response = client.get(reverse("reporting:run_download", args=[run.pk]))
    return pdf_text(b"".join(response.streaming_content))[0]


def test_the_board_pack_places_each_figure_among_the_peers(
    client,
    almo,
    council_officer,
    peers,
    django_capture_on_commit_callbacks,
):
    client.force_login(council_officer)
    text = board_pack_text(client, almo, django_capture_on_commit_callbacks)
    assert "Among peers" in text
    # RP02(1) 70 among 60, 65, 70, 75, 80, 95: third quartile, ranked 4 of 6 (as on the compare page).
    assert "70.0, in the third quartile, ranked 4 of 6" in text
    assert "A quartile is a quarter of the peer group" in text
    # The peers' own figures are never shown: 95 (950 of 1,000) belongs to another ALMO.
    assert "95.0" not in text
