"""Cached reads are never older than the data: every write, however made, renews the token they are kept under."""

from django.contrib.sessions.backends.db import SessionStore
from django.db import connection

from core import freshness
from organisations.models import Council


def read_names():
    return freshness.cached("council-names", (), lambda: sorted(Council.objects.values_list("name", flat=True)))


def test_a_cached_read_is_kept_until_a_write(council):
    first = read_names()
    token = freshness.data_token()
    assert read_names() == first and freshness.data_token() == token
    Council.objects.create(name="Another Council", slug="another")
    assert freshness.data_token() != token
    assert "Another Council" in read_names()


def test_bulk_and_raw_writes_count_as_well_as_save(council):
    read_names()
    Council.objects.filter(pk=council.pk).update(name="Renamed by a bulk update")
    assert "Renamed by a bulk update" in read_names()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE organisations_council SET name = %s WHERE id = %s", ["Renamed by hand", council.pk])
    assert "Renamed by hand" in read_names()


def test_writes_no_read_depends_on_leave_the_cache_alone(council):
    read_names()
    token = freshness.data_token()
    session = SessionStore()
    session["seen"] = True
    session.save()  # every page view saves its session: it must not throw the cache away
    assert freshness.data_token() == token
