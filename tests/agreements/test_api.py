"""The agreements API: writes call the same services as the pages and refuse bad input by name."""

import datetime as dt

import pytest
from django.urls import reverse

from agreements.models import MeetingAction
from tests.agreements.conftest import make_agreement

pytestmark = pytest.mark.django_db


def test_both_sides_agree_through_the_api(api, almo, council_officer, almo_staff):
    agreement = make_agreement(almo, council_officer)
    url = reverse("api:agreements-agreement-agree", args=[agreement.pk])
    api.force_authenticate(council_officer)
    assert api.post(url, {}, format="json").json()["status"] == "draft"
    again = api.post(url, {}, format="json")
    assert again.status_code == 400 and "already agreed" in str(again.json())
    api.force_authenticate(almo_staff)
    body = api.post(url, {}, format="json").json()
    assert body["status"] == "in_force" and body["functions"][0]["function"] == "Disposal of land and buildings"
    register = api.get(reverse("api:agreements-function-list"), {"in_force": "true"}).json()
    assert [row["function"] for row in register["results"]] == ["Disposal of land and buildings"]


def test_an_action_is_raised_and_closed_through_the_api(api, meeting, council_officer, other_meeting):
    api.force_authenticate(council_officer)
    url = reverse("api:agreements-action-list")
    created = api.post(
        url,
        {"meeting": meeting.pk, "description": "Send figures", "due_on": "2027-02-01", "owner_name": "A"},
        format="json",
    )
    assert created.status_code == 201, created.json()
    for body, field in [
        ({"meeting": meeting.pk, "description": "x", "due_on": "2027-01-01", "owner_name": "A"}, "due_on"),
        ({"meeting": meeting.pk, "description": "x", "due_on": "1 Feb", "owner_name": "A"}, "due_on"),
        ({"meeting": other_meeting.pk, "description": "x", "due_on": "2027-02-01", "owner_name": "A"}, "meeting"),
        ({"meeting": meeting.pk, "description": "x", "due_on": "2027-02-01"}, "owner"),
        ({"meeting": meeting.pk, "description": "x", "due_on": "2027-02-01", "owner_name": "A", "colour": 1}, "colour"),
    ]:
        response = api.post(url, body, format="json")
        assert response.status_code == 400 and field in response.json(), (body, response.json())
    assert MeetingAction.objects.count() == 1
    close = reverse("api:agreements-action-update-status", args=[created.json()["id"]])
    assert "closing_note" in api.post(close, {"status": "done"}, format="json").json()
    assert api.post(close, {"status": "done", "closing_note": "Sent."}, format="json").json()["status"] == "done"
    overdue = api.get(url, {"overdue": "true"}).json()
    assert overdue["count"] == 0


def test_escalating_through_the_api_needs_a_reason_to_skip(api, intervention, council_officer, almo_staff):
    url = reverse("api:agreements-intervention-escalate", args=[intervention.pk])
    api.force_authenticate(almo_staff)
    assert api.post(url, {"stage": "remedial_plan", "reason": "x"}, format="json").status_code == 400
    api.force_authenticate(council_officer)
    skipped = api.post(url, {"stage": "remedial_plan"}, format="json")
    assert skipped.status_code == 400 and "reason" in skipped.json()
    assert api.post(url, {"stage": "no_such_stage"}, format="json").json()["stage"]
    body = api.post(url, {"stage": "performance_surgery"}, format="json").json()
    assert body["current_stage"] == "performance_surgery"
    surgery = body["steps"][-1]["deadlines"]
    assert [d["due_on"] for d in surgery] == [str(dt.date(2027, 2, 3)), None]


def test_the_stages_are_read_by_everyone_signed_in(api, board_member):
    api.force_authenticate(board_member)
    stages = api.get(reverse("api:agreements-stage-list")).json()["results"]
    assert [s["code"] for s in stages][:3] == ["exception_report", "performance_surgery", "remedial_plan"]
    assert stages[2]["deadlines"][0] == {
        "name": "Remedial plan sent",
        "working_days": 20,
        "counts_from": "stage_start",
        "owed_by": "failing",
    }
