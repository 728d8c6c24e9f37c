"""Reminders before review and notice dates: in the portal and by email, from the daily task, once each."""

import datetime as dt

import pytest
from django.core import mail

from organisations.models import Notification
from reporting.notices import digest_lines, send_reminders
from slas.models import ReminderSent

pytestmark = pytest.mark.django_db

# The fixture SLA's review date is 15 March 2027; its term ends 31 March 2028 with 3 months' notice: 31 December 2027.


def test_reminders_arrive_before_the_review_date_once_each(
    sla, almo_staff, council_officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sent = send_reminders(dt.date(2027, 1, 20))  # 54 days before: the 60-day reminder
    assert sent == 2
    for user in (almo_staff, council_officer):
        note = Notification.objects.get(user=user, message__startswith="The review")
        assert note.message.startswith("The review of the IT services SLA with Northmoor Homes is due in 54 days")
        assert note.link == sla.get_absolute_url()
    assert sorted(message.to[0] for message in mail.outbox) == sorted([almo_staff.email, council_officer.email])
    assert "review due in 54 days" in mail.outbox[0].subject

    # The task run again that day, or the next, sends nothing new.
    assert send_reminders(dt.date(2027, 1, 20)) == 0
    assert send_reminders(dt.date(2027, 1, 21)) == 0
    # 30 days out, the next one; 7 days out, the last.
    assert send_reminders(dt.date(2027, 2, 13)) == 2
    assert send_reminders(dt.date(2027, 3, 8)) == 2
    assert list(ReminderSent.objects.order_by("days_before").values_list("days_before", flat=True)) == [7, 30, 60]
    assert send_reminders(dt.date(2027, 3, 16)) == 0  # the date has passed


def test_a_reminder_before_the_last_day_to_give_notice(sla, almo_staff):
    assert send_reminders(dt.date(2027, 12, 1)) == 2  # 30 days before 31 December 2027
    note = Notification.objects.get(user=almo_staff, message__startswith="The last day")
    assert "The last day to give notice on the IT services SLA" in note.message
    assert "31 December 2027" in note.message


def test_an_ended_sla_is_not_reminded(sla, almo_staff):
    from slas import services

    services.sla_end(actor=almo_staff, sla=sla, ended_on=dt.date(2027, 1, 31), reason="Ended early.")
    assert send_reminders(dt.date(2027, 1, 20)) == 0


def test_the_daily_digest_counts_reviews_and_terms_to_agree(sla, almo_staff, council_officer):
    from slas import services

    services.renegotiation_start(actor=council_officer, sla=sla, reason="New prices.")
    lines = digest_lines(almo_staff, dt.date(2027, 3, 1))
    assert "- 1 SLA due for review within 30 days" in lines
    assert "- 1 set of SLA terms waiting for your agreement" in lines
    assert "- 1 set of SLA terms waiting for your agreement" in digest_lines(council_officer, dt.date(2027, 3, 1))
