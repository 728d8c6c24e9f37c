"""Secrecy: after a whole ballot, search every table, every log line and every export for a tie between a vote and
a code or a tenancy, and find none."""

import io
import logging

import pytest
from django.apps import apps
from django.db import connection, models
from django.urls import reverse
from pypdf import PdfReader

from consultations import codes
from consultations.models import Tenancy, Vote, VotingCode
from tests.consultations.conftest import end_voting

pytestmark = pytest.mark.django_db


def every_row_as_text() -> dict[str, list[str]]:
    """Every row of every table in the database, as text, by table."""
    rows = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (names from the database's own catalogue)
            rows[table] = [" | ".join(str(value) for value in row) for row in cursor.fetchall()]
    return rows


def test_the_vote_table_cannot_hold_a_link():
    assert not hasattr(Vote, "history") and not hasattr(VotingCode, "history")
    for field in Vote._meta.get_fields():
        assert not isinstance(field, models.DateField | models.DateTimeField | models.TimeField), field.name
        if field.is_relation and field.concrete:
            assert field.related_model.__name__ in ("Ballot", "Option"), field.name
    assert not any(isinstance(f, models.DateField | models.DateTimeField) for f in VotingCode._meta.get_fields())
    history_tables = {model._meta.db_table for model in apps.get_models() if model.__name__.startswith("Historical")}
    assert "consultations_historicalvote" not in history_tables
    assert "consultations_historicalvotingcode" not in history_tables


def test_no_table_log_or_export_ties_a_vote_to_a_voter(
    client, api, settings, caplog, open_ballot, council_officer, overseer, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.DEBUG)
    known = open_ballot.known
    options = list(open_ballot.consultation.options.all())
    for index, code in enumerate(known.values()):
        response = client.post(
            reverse("consultations:ballot_vote", args=[open_ballot.public_id]),
            {"code": codes.display(code), "option": options[index % 2].pk},
        )
        assert response.status_code == 200
    end_voting(settings, open_ballot)
    client.force_login(overseer)
    with django_capture_on_commit_callbacks(execute=True):
        for step in ("close", "verify", "publish"):
            client.post(reverse("consultations:ballot_action", args=[open_ballot.pk, step]))

    voters = set()
    for tenancy in Tenancy.objects.all():
        voters |= {tenancy.reference, tenancy.name, tenancy.address}
    voters |= set(VotingCode.objects.values_list("code_hash", flat=True))
    plain_codes = set(known.values()) | {codes.display(code) for code in known.values()}
    votes = set()
    for vote in Vote.objects.all():
        votes |= {vote.receipt, vote.nonce, vote.chain_hash, vote.receipt[:16]}
    open_ballot.refresh_from_db()
    votes.discard(open_ballot.final_hash)  # sealed on the ballot and published: it names no voter

    # Every table: no row holds a vote's identifier and a voter's; vote identifiers live in the vote table only.
    for table, rows in every_row_as_text().items():
        for row in rows:
            assert not any(code in row for code in plain_codes), f"a code in plain text in {table}"
            has_vote = any(mark in row for mark in votes)
            if has_vote:
                assert table == "consultations_vote", f"a vote's identifier in {table}"
                assert not any(mark in row for mark in voters), f"a vote tied to a voter in {table}"

    # Every log line: no code, and no vote identifier at all.
    for record in caplog.records:
        line = record.getMessage()
        assert not any(code in line for code in plain_codes), line
        assert not any(mark in line for mark in votes), line

    # Every export: the API, the public results page, the result report.
    client.force_login(council_officer)
    api.force_authenticate(council_officer)
    exports = [
        api.get(reverse("api:consultations-ballot-list")).content.decode(),
        api.get(reverse("api:consultations-consultation-list")).content.decode(),
        client.get(open_ballot.get_absolute_url()).content.decode(),
        client.get(reverse("consultations:ballot_receipts", args=[open_ballot.public_id])).content.decode(),
    ]
    report = client.get(reverse("consultations:result_report", args=[open_ballot.pk]))
    exports.append("".join(p.extract_text() for p in PdfReader(io.BytesIO(b"".join(report.streaming_content))).pages))
    for text in exports:
        shown_votes = any(mark in text or mark[:16].upper() in text for mark in votes)
        shown_voters = any(mark in text for mark in voters)
        assert not (shown_votes and shown_voters)
        assert not any(code in text for code in plain_codes)
