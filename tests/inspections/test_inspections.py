"""Inspections of every kind, the six-month rule, the regulatory calendar with overlaps, and the iCalendar feed."""

import datetime as dt

import pytest
from django.urls import reverse
from icalendar import Calendar

from inspections import services
from inspections.models import CalendarFeed, Inspection
from organisations.models import Notification
from tests.access import ScopedPageChecks
from tests.inspections.conftest import record_inspection

pytestmark = pytest.mark.django_db


class TestInspectionPages(ScopedPageChecks):
    @property
    def list_url(self):
        return reverse("inspections:inspection_list")

    @pytest.fixture
    def record(self, inspection):
        return inspection

    @pytest.fixture
    def other_record(self, other_inspection):
        return other_inspection

    def row_text(self, record):
        return record.title

    def write_request(self, record):
        return reverse("inspections:inspection_detail", args=[record.pk]), {"text": "Board tries", "priority": "low"}


def form(almo, **fields):
    return {
        "almo": almo.pk,
        "kind": "mock",
        "title": "Mock inspection",
        "starts_on": "2027-02-01",
        "ends_on": "2027-02-03",
        "lead": "Peer team",
    } | fields


def test_the_almo_records_a_mock_inspection_and_the_council_is_told(client, almo, almo_staff, council_officer):
    client.force_login(almo_staff)
    response = client.post(reverse("inspections:inspection_create"), form(almo, star_rating="2"))
    inspection = Inspection.objects.get()
    assert response.url == inspection.get_absolute_url()
    assert (inspection.kind, inspection.star_rating, inspection.recorded_by) == ("mock", 2, almo_staff)
    assert Notification.objects.filter(user=council_officer, message__contains="Mock inspection").exists()


def test_an_inspection_ending_before_it_starts_is_refused(client, almo, council_officer):
    client.force_login(council_officer)
    response = client.post(reverse("inspections:inspection_create"), form(almo, ends_on="2027-01-20"))
    assert response.status_code == 400
    assert "The end date must be the same as or after the start date" in response.content.decode()
    assert not Inspection.objects.exists()


def test_an_outcome_only_where_it_applies(client, almo, council_officer):
    client.force_login(council_officer)
    response = client.post(
        reverse("inspections:inspection_create"),
        form(almo, kind="internal_audit", star_rating="3", consumer_grade="C1"),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "An internal audit has no star rating" in page
    assert "Only the Regulator of Social Housing gives a consumer grade" in page
    assert not Inspection.objects.exists()


def test_a_report_is_uploaded_and_downloaded_as_an_attachment(client, almo, council_officer, other_staff):
    from tests.inspections.conftest import pdf_upload

    client.force_login(council_officer)
    client.post(
        reverse("inspections:inspection_create"), form(almo, kind="inspectorate", report=pdf_upload("Report.pdf"))
    )
    inspection = Inspection.objects.get()
    response = client.get(reverse("inspections:inspection_report", args=[inspection.pk]))
    assert response["Content-Disposition"].startswith('attachment; filename="Report.pdf"')
    client.force_login(other_staff)
    assert client.get(reverse("inspections:inspection_report", args=[inspection.pk])).status_code == 404


def test_two_inspectorate_inspections_under_six_months_apart_are_warned(client, almo, council_officer, inspection):
    client.force_login(council_officer)
    response = client.post(
        reverse("inspections:inspection_create"),
        form(almo, kind="regulator", title="Regulator inspection", starts_on="2026-08-31", ends_on="2026-09-02"),
        follow=True,
    )
    assert "under six months after Northmoor inspection" in response.content.decode()
    assert "under six months" in client.get(reverse("inspections:inspection_list")).content.decode()
    assert "under six months" in client.get(reverse("inspections:index")).content.decode()
    # Six months and more apart is fine; other kinds never count.
    record_inspection(council_officer, almo, title="Later", starts_on=dt.date(2027, 3, 1), ends_on=dt.date(2027, 3, 2))
    record_inspection(
        council_officer,
        almo,
        kind="mock",
        title="Mock",
        starts_on=dt.date(2026, 4, 1),
        ends_on=dt.date(2026, 4, 1),
        star_rating=None,
        prospects="",
    )
    page = client.get(reverse("inspections:inspection_list")).content.decode()
    assert page.count("Inspections should be at least six months apart") == 1


def test_the_calendar_warns_of_overlaps_across_a_councils_almos(
    client, almo, sibling_almo, council, council_officer, sibling_staff
):
    record_inspection(
        council_officer,
        almo,
        kind="regulator",
        title="Regulator visit",
        starts_on=dt.date(2027, 2, 15),
        ends_on=dt.date(2027, 2, 19),
        star_rating=None,
        prospects="",
    )
    client.force_login(council_officer)
    response = client.post(
        reverse("inspections:calendar_entry_add"),
        {"almo": almo.pk, "kind": "audit", "title": "Internal audit of repairs", "starts_on": "2027-02-24"},
    )
    assert response.status_code == 302
    services.calendar_entry_add(
        actor=council_officer,
        council=council,
        kind="return_deadline",
        title="Returns due",
        starts_on=dt.date(2027, 3, 1),
    )
    page = client.get(reverse("inspections:calendar")).content.decode()
    visit = "Regulator visit (Regulator of Social Housing inspection) (15 February 2027)"
    assert f"Northmoor Homes: {visit} and Internal audit of repairs" in page
    assert "Internal audit of repairs (24 February 2027) and Returns due" in page
    # The sibling ALMO's staff see the council-wide date and nothing of Northmoor Homes.
    client.force_login(sibling_staff)
    page = client.get(reverse("inspections:calendar")).content.decode()
    assert "Returns due" in page and "Regulator visit" not in page and "Internal audit" not in page


def test_a_calendar_entry_ending_before_it_starts_is_refused(client, almo, council_officer):
    client.force_login(council_officer)
    response = client.post(
        reverse("inspections:calendar_entry_add"),
        {"almo": almo.pk, "kind": "audit", "title": "Audit", "starts_on": "2027-02-24", "ends_on": "2027-02-01"},
    )
    assert response.status_code == 400
    assert "The last day must be the same as or after the first" in response.content.decode()


def test_the_feed_shows_only_what_its_owner_may_see_and_stops_when_revoked(
    client, almo_staff, inspection, other_inspection
):
    client.force_login(almo_staff)
    page = client.post(reverse("inspections:calendar_feed_settings"), {"create": "1"}).content.decode()
    url = page.split('id="feed-url" type="text" value="')[1].split('"')[0]
    assert "/inspections/calendar/feed/" in url and CalendarFeed.objects.get().key_hash not in url
    client.logout()  # calendar apps cannot sign in
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    summaries = [str(event["summary"]) for event in calendar.walk("VEVENT")]
    assert summaries == ["Northmoor Homes: Northmoor inspection (Housing Inspectorate inspection)"]
    event = calendar.walk("VEVENT")[0]
    assert event.decoded("dtstart") == dt.date(2026, 3, 2) and event.decoded("dtend") == dt.date(2026, 3, 7)
    client.force_login(almo_staff)
    client.post(reverse("inspections:calendar_feed_settings"), {"revoke": "1"})
    client.logout()
    assert client.get(url).status_code == 403
    assert client.get("/inspections/calendar/feed/not-a-key.ics").status_code == 403


def test_a_new_feed_address_replaces_the_old(client, almo_staff):
    client.force_login(almo_staff)
    first = client.post(reverse("inspections:calendar_feed_settings"), {"create": "1"}).content.decode()
    second = client.post(reverse("inspections:calendar_feed_settings"), {"create": "1"}).content.decode()
    old = first.split('id="feed-url" type="text" value="')[1].split('"')[0].split("/inspections")[1]
    new = second.split('id="feed-url" type="text" value="')[1].split('"')[0].split("/inspections")[1]
    client.logout()
    assert client.get("/inspections" + old).status_code == 403
    assert client.get("/inspections" + new).status_code == 200


def test_the_inspection_list_costs_the_same_queries_for_many_rows(
    client, almo, council_officer, django_assert_max_num_queries
):
    client.force_login(council_officer)
    for day in range(2):
        record_inspection(council_officer, almo, kind="mock", title=f"Mock {day}", star_rating=None, prospects="")
    with django_assert_max_num_queries(30) as few:
        client.get(reverse("inspections:inspection_list"))
    for day in range(8):
        record_inspection(
            council_officer,
            almo,
            title=f"More {day}",
            starts_on=dt.date(2020 - day, 1, 1),
            ends_on=dt.date(2020 - day, 1, 2),
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert "More 7" in client.get(reverse("inspections:inspection_list")).content.decode()
