"""The intervention ladder: either way, stages as data, working-day deadlines over bank holidays, notices, reminders."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from agreements import services
from agreements.models import Deadline, Intervention, ReminderSent
from agreements.notices import send_action_reminders, send_agreement_date_reminders, send_ladder_reminders
from core.working_days import add_working_days
from organisations.access import Party
from organisations.models import Notification
from tests.agreements.conftest import make_agreement, stage, start_intervention

pytestmark = pytest.mark.django_db


def test_an_intervention_climbs_to_a_remedial_plan_due_after_the_bank_holidays_and_its_reminder_arrives(
    client, almo, council_officer, almo_staff
):
    client.force_login(council_officer)
    data = {
        "almo": almo.pk,
        "about_party": "almo",
        "title": "Repairs behind programme",
        "failure": "Repairs completed in time fell to 80%.",
        "started_on": "2026-12-07",
    }
    response = client.post(reverse("agreements:intervention_start"), data)
    intervention = Intervention.objects.get()
    assert response.url == intervention.get_absolute_url()
    assert intervention.current_stage.code == "exception_report"
    assert almo_staff.notifications.filter(message__contains="put your side on the intervention ladder").exists()
    # Jumping to the remedial plan skips the performance surgery: a reason is needed.
    url = reverse("agreements:intervention_escalate", args=[intervention.pk])
    refused = client.post(url, {"stage": stage("remedial_plan").pk, "started_on": "2026-12-14"})
    assert refused.status_code == 400
    assert "Say why you are skipping: Performance surgery with an action plan." in str(refused.context["form"].errors)
    client.post(url, {"stage": stage("remedial_plan").pk, "reason": "No recovery at all.", "started_on": "2026-12-14"})
    intervention.refresh_from_db()
    assert intervention.current_stage.code == "remedial_plan"
    plan_due, decision, revised = Deadline.objects.filter(step__stage__code="remedial_plan").order_by("position")
    # 20 working days from 14 December 2026 would be 11 January without Christmas, Boxing Day and New Year's Day.
    assert plan_due.due_on == dt.date(2027, 1, 14) and decision.due_on is None and revised.due_on is None
    page = client.get(intervention.get_absolute_url()).content.decode()
    assert "14 January 2027" in page and "Once the deadline before is met" in page
    send_ladder_reminders(dt.date(2027, 1, 12))
    reminder = almo_staff.notifications.get(message__startswith="Remedial plan sent")
    assert reminder.message == "Remedial plan sent for 'Repairs behind programme' is due on 14 January 2027."
    # The ALMO sends its plan on 15 January; the council's decision is due 20 working days after that.
    client.force_login(almo_staff)
    met = client.post(reverse("agreements:deadline_met", args=[plan_due.pk]), {"met_on": "2027-01-15"})
    assert met.status_code == 302
    decision.refresh_from_db()
    assert decision.due_on == dt.date(2027, 2, 12) and decision.owed_by == Party.COUNCIL


def test_a_deadline_moved_to_a_bank_holiday_is_refused(client, intervention, council_officer):
    deadline = intervention.steps.get().deadlines.get()
    client.force_login(council_officer)
    url = reverse("agreements:deadline_extend", args=[deadline.pk])
    response = client.post(url, {"due_on": "2027-03-29", "reason": "More time"})
    assert response.status_code == 400
    assert "29 March 2027 is a weekend or a bank holiday. Choose a working day." in str(response.context["form"].errors)
    assert client.post(url, {"due_on": "2027-03-30", "reason": "More time"}).status_code == 302
    deadline.refresh_from_db()
    assert deadline.due_on == dt.date(2027, 3, 30) and deadline.note.startswith("Moved from 18 January 2027")


def test_the_almo_puts_the_council_on_the_ladder_and_not_itself(client, almo, almo_staff, council_officer):
    with pytest.raises(ValidationError) as error:
        start_intervention(almo, almo_staff, about_party=Party.ALMO)
    assert "Only the council can put your side on the ladder." in str(error.value)
    intervention = start_intervention(almo, almo_staff, about_party=Party.COUNCIL, title="Management fee paid late")
    assert intervention.opened_by_party == Party.ALMO
    # An appraisal of the ALMO's future is not a stage for the council's failures.
    with pytest.raises(ValidationError):
        services.intervention_escalate(
            actor=almo_staff, intervention=intervention, stage=stage("options_appraisal"), reason="x"
        )
    # Only the side that opened it escalates; the council answers notices instead.
    with pytest.raises(ValidationError):
        services.intervention_escalate(
            actor=council_officer, intervention=intervention, stage=stage("performance_surgery")
        )
    notice = services.notice_serve(
        actor=almo_staff, intervention=intervention, subject="Pay the fee", text="Clause 9.3.", response_working_days=5
    )
    assert notice.response_due_on == add_working_days(dt.date(2027, 1, 20), 5)
    with pytest.raises(ValidationError):
        services.notice_respond(actor=almo_staff, notice=notice, response="We paid ourselves?")
    services.notice_respond(actor=council_officer, notice=notice, response="Paid on 21 January.")
    notice.refresh_from_db()
    assert notice.responded_by == council_officer


def test_a_failure_that_recurs_within_three_months_starts_a_stage_higher(almo, council_officer):
    first = start_intervention(almo, council_officer, started_on=dt.date(2026, 9, 1))
    services.intervention_escalate(
        actor=council_officer,
        intervention=first,
        stage=stage("remedial_plan"),
        reason="Serious.",
        started_on=dt.date(2026, 9, 2),
    )
    services.intervention_close(
        actor=council_officer, intervention=first, resolution="Back on target.", closed_on=dt.date(2026, 11, 30)
    )
    first.refresh_from_db()
    assert first.watch_until == dt.date(2027, 2, 28)
    again = start_intervention(almo, council_officer, started_on=dt.date(2027, 1, 10))
    assert again.current_stage.code == "failure_notice"
    assert "came back within the watch period" in again.steps.get().reason


def test_starting_from_a_concern_keeps_its_title(client, plan, almo, council_officer, almo_staff):
    from delivery_plans import services as plan_services

    plan_services.concern_raise(
        actor=council_officer, plan=plan, title="Repairs red two quarters", description="…", about_party="almo"
    )
    client.force_login(council_officer)
    page = client.get(reverse("agreements:intervention_start")).content.decode()
    assert "Northmoor Homes: Repairs red two quarters" in page
    data = {
        "almo": almo.pk,
        "about_party": "almo",
        "concern_title": f"{almo.pk}:Repairs red two quarters",
        "title": "Repairs",
        "failure": "Red two quarters.",
    }
    assert client.post(reverse("agreements:intervention_start"), data).status_code == 302
    assert Intervention.objects.get().concern_title == "Repairs red two quarters"


def test_bad_start_input_is_named_and_nothing_saved(client, almo, council_officer):
    client.force_login(council_officer)
    url = reverse("agreements:intervention_start")
    base = {"almo": almo.pk, "about_party": "almo", "title": "T", "failure": "F"}
    for data, field, message in [
        (base | {"started_on": "2027-02-01"}, "started_on", "cannot be in the future"),
        (base | {"stage": stage("failure_notice").pk}, "reason", "Say why the stages before"),
        (base | {"title": ""}, "title", "Enter a short title"),
        (base | {"about_party": "council"}, "about_party", "Only the ALMO can put your side on the ladder."),
    ]:
        response = client.post(url, data)
        assert response.status_code == 400, data
        assert message in str(response.context["form"].errors[field])
    assert not Intervention.objects.exists()


def test_reminders_arrive_once_however_often_they_run(intervention, almo, council_officer, almo_staff, mailoutbox):
    deadline = intervention.steps.get().deadlines.get()  # due 18 January 2027
    today = dt.date(2027, 1, 12)
    with_email = send_ladder_reminders(today)
    assert with_email == 1
    assert send_ladder_reminders(today) == 0
    message = almo_staff.notifications.get(message__contains="Exception report sent")
    assert "is due on 18 January 2027" in message.message
    # Missed: both sides hear, once.
    assert send_ladder_reminders(dt.date(2027, 1, 19)) == 2
    assert send_ladder_reminders(dt.date(2027, 1, 19)) == 0
    services.deadline_meet(actor=almo_staff, deadline=deadline, met_on=dt.date(2027, 1, 20))
    assert send_ladder_reminders(dt.date(2027, 1, 21)) == 0
    assert ReminderSent.objects.count() == 2


def test_agreement_dates_are_warned_at_90_and_30_days(almo, council_officer, almo_staff):
    make_agreement(almo, council_officer, almo_staff, break_on=dt.date(2027, 3, 31), review_on=None)
    assert send_agreement_date_reminders(dt.date(2026, 12, 1)) == 0
    assert send_agreement_date_reminders(dt.date(2027, 1, 2)) == 2  # 88 days: one for each side
    assert send_agreement_date_reminders(dt.date(2027, 1, 3)) == 0
    assert send_agreement_date_reminders(dt.date(2027, 3, 2)) == 2  # 29 days
    assert Notification.objects.filter(user=almo_staff, message__contains="break date").count() == 2


def test_overdue_action_owners_are_reminded_once(meeting, council_officer, almo_staff):
    services.action_raise(
        actor=council_officer, meeting=meeting, description="Figures", due_on=dt.date(2027, 1, 14), owner=almo_staff
    )
    assert send_action_reminders(dt.date(2027, 1, 20)) == 1
    assert send_action_reminders(dt.date(2027, 1, 20)) == 0


def test_the_daily_reminders_run_this_apps_reminders_once(intervention, almo_staff):
    from reporting.notices import send_reminders

    send_reminders(dt.date(2027, 1, 12))
    send_reminders(dt.date(2027, 1, 12))
    assert almo_staff.notifications.filter(message__contains="Exception report sent").count() == 1


def test_an_options_appraisal_brings_in_the_consultation_rules(intervention, almo, council_officer, almo_staff):
    from agreements.selectors import options_appraisals

    assert list(options_appraisals(almo)) == []
    services.intervention_escalate(
        actor=council_officer, intervention=intervention, stage=stage("options_appraisal"), reason="Years of failure."
    )
    assert list(options_appraisals(almo)) == [intervention]
    assert almo_staff.notifications.filter(message__contains="Tenants must be consulted").exists()


def test_the_options_appraisal_page_leads_to_a_consultation_on_the_almos_future(client, intervention, council_officer):
    client.force_login(council_officer)
    assert "Start a consultation" not in client.get(intervention.get_absolute_url()).content.decode()
    services.intervention_escalate(
        actor=council_officer, intervention=intervention, stage=stage("options_appraisal"), reason="Years of failure."
    )
    page = client.get(intervention.get_absolute_url()).content.decode()
    assert "Start a consultation on the ALMO" in page
    assert reverse("consultations:consultation_create") in page
