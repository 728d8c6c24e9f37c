"""Each step of the workflow tells the other side what to do, in the portal and by email, with a link."""

from decimal import Decimal

from django.core import mail

from delivery_plans import services
from delivery_plans.models import DeliveryPlan, Indicator, PlanIndicator, Target
from organisations.models import Notification
from tests.plans import COMMENTARY, fill


def told(user, words: str) -> Notification:
    notification = Notification.objects.filter(user=user, message__contains=words).order_by("-pk").first()
    assert notification is not None, f"{user} was not told: {words}"
    assert notification.link, "a notification links to where the work is done"
    emails = [m for m in mail.outbox if m.to == [user.email] and notification.message in m.body]
    assert emails and notification.link in emails[0].body
    return notification


def test_a_return_from_submission_to_acceptance_tells_each_side_what_to_do(
    plan, almo_staff, council_officer, django_capture_on_commit_callbacks
):
    return_record = services.return_open(actor=almo_staff, plan=plan, year=2025, quarter=1)
    fill(return_record, almo_staff, rp02=("400", "500"), commentary=COMMENTARY)
    with django_capture_on_commit_callbacks(execute=True):
        services.return_submit(actor=almo_staff, return_record=return_record)
    assert told(council_officer, "Review the figures").link == return_record.get_absolute_url()

    line = return_record.actuals.get(plan_indicator__indicator__code="RP02(1)")
    with django_capture_on_commit_callbacks(execute=True):
        query = services.actual_query(actor=council_officer, actual=line, text="Which crews?")
    assert "The council has a query on RP02(1)" in told(almo_staff, "Answer it").message
    with django_capture_on_commit_callbacks(execute=True):
        services.query_answer(actor=almo_staff, query=query, text="North patch.")
    told(council_officer, "answered the query on RP02(1)")

    with django_capture_on_commit_callbacks(execute=True):
        services.return_submit(actor=almo_staff, return_record=return_record)
        services.return_accept(actor=council_officer, return_record=return_record)
    told(almo_staff, "The council accepted the Q1 2025/26 return")
    assert not Notification.objects.filter(user=almo_staff, message__contains="Review the figures").exists()


def test_amendments_and_signatures_wait_for_the_other_side(
    plan, almo_staff, council_officer, django_capture_on_commit_callbacks
):
    target = Target.objects.get(plan_indicator__indicator__code="BV212", year=2026, quarter=3)
    with django_capture_on_commit_callbacks(execute=True):
        amendment = services.amendment_propose(
            actor=council_officer,
            plan=plan,
            kind="target",
            reason="New contract.",
            target=target,
            new_value=Decimal(26),
        )
    assert told(almo_staff, "Agree or decline it").link == amendment.get_absolute_url()
    with django_capture_on_commit_callbacks(execute=True):
        services.amendment_agree(actor=almo_staff, amendment=amendment)
    told(council_officer, "The ALMO agreed your amendment")

    draft = DeliveryPlan.objects.create(almo=plan.almo, title="Next plan", first_year=2027, last_year=2029)
    PlanIndicator.objects.create(plan=draft, indicator=Indicator.objects.get(council=None, code="BV212"))
    with django_capture_on_commit_callbacks(execute=True):
        services.plan_sign(actor=council_officer, plan=draft)
    told(almo_staff, "sign it too to bring it into force")
    with django_capture_on_commit_callbacks(execute=True):
        services.plan_sign(actor=almo_staff, plan=draft)
    told(council_officer, "Next plan, so it is now in force")
