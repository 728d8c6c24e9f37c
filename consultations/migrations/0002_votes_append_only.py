"""The database itself refuses to change or delete a vote (PostgreSQL): the chain is append-only twice over.

A database administrator can still disable the trigger; the hash chain, sealed at the close, is what catches that.
SQLite (the embedded default) has no such trigger; the chain still catches any change there.
"""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION consultations_vote_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'Votes are append-only: a stored vote cannot be changed or deleted.';
END;
$$ LANGUAGE plpgsql;
"""
TRIGGER = """
CREATE TRIGGER consultations_vote_append_only
BEFORE UPDATE OR DELETE ON consultations_vote
FOR EACH ROW EXECUTE FUNCTION consultations_vote_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS consultations_vote_append_only ON consultations_vote;
DROP FUNCTION IF EXISTS consultations_vote_append_only();
"""


def add_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FUNCTION)
        schema_editor.execute(TRIGGER)


def remove_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("consultations", "0001_initial")]

    operations = [migrations.RunPython(add_trigger, remove_trigger)]
