"""The agreements demo: every ALMO has an agreement, a year of minuted meetings and actions; two are on the ladder."""

import datetime as dt

import pytest
from django.db import transaction
from django.urls import reverse

from agreements import demo
from agreements.models import Intervention, ManagementAgreement, Meeting, MeetingAction
from delivery_plans import demo as plans_demo
from organisations import demo as organisations_demo
from organisations.models import Almo


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    """The organisations, Delivery Plans and agreements demos once for the module, rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        organisations_demo.load()
        plans_demo.load()
        demo.load()
        yield
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_every_demo_almo_has_an_agreement_meetings_and_actions(demo_data):
    for almo in Almo.objects.all():
        agreement = ManagementAgreement.objects.in_force().get(almo=almo)
        assert agreement.functions.count() == 6 and agreement.agreed_by_both
        minuted = Meeting.objects.filter(series__almo=almo, status="minuted")
        assert minuted.count() == 12
        assert minuted.filter(items__minutes__gt="").distinct().count() == 12
        planned = Meeting.objects.get(series__almo=almo, status="planned")
        assert planned.held_on == dt.date(2026, 12, 9)
        assert planned.items.filter(source="agreements.actions").exists()
        assert MeetingAction.objects.filter(series__almo=almo, status="done").exists()
    assert MeetingAction.objects.overdue(dt.date(2026, 11, 25)).exists()


@pytest.mark.django_db
def test_one_almo_is_at_the_remedial_plan_stage_and_one_council_is_on_the_ladder(demo_data):
    kelworth = Intervention.objects.get(almo__slug="kelworth-homes")
    assert kelworth.current_stage.code == "remedial_plan" and kelworth.about_party == "almo"
    assert kelworth.steps.get(stage__code="remedial_plan").notices.count() == 1
    south = Intervention.objects.get(almo__slug="harrowfield-south-homes")
    assert south.about_party == "council" and south.opened_by_party == "almo"


@pytest.mark.django_db
def test_the_red_indicators_reach_the_planned_agenda(demo_data):
    planned = Meeting.objects.filter(status="planned", items__source="delivery_plans.performance").distinct()
    assert planned.exists()


@pytest.mark.django_db
def test_loading_again_changes_nothing(demo_data):
    counts = (ManagementAgreement.objects.count(), Meeting.objects.count(), MeetingAction.objects.count())
    demo.load()
    assert (ManagementAgreement.objects.count(), Meeting.objects.count(), MeetingAction.objects.count()) == counts


@pytest.mark.django_db
def test_the_demo_pages_show_something_real(client, demo_data):
    from django.contrib.auth import get_user_model

    officer = get_user_model().objects.get(username="kelworth.officer")
    client.force_login(officer)
    kelworth = Intervention.objects.get(almo__slug="kelworth-homes")
    page = client.get(kelworth.get_absolute_url()).content.decode()
    assert "Remedial plan required under clause 14.2" in page
    agenda = client.get(Meeting.objects.get(series__almo__slug="kelworth-homes", status="planned").get_absolute_url())
    assert "Actions from earlier meetings" in agenda.content.decode()
    assert "Management agreement 2024 to 2029" in client.get(reverse("agreements:agreement_list")).content.decode()
