"""Disputes: the ALMO raises one, a council officer moves it through discussion and escalation to resolved."""

from decimal import Decimal

import pytest
from django.urls import reverse

from organisations.models import Notification
from slas.models import Dispute

pytestmark = pytest.mark.django_db


def test_a_dispute_moves_from_raised_to_resolved_with_its_log(client, sla, almo_staff, council_officer):
    client.force_login(almo_staff)
    response = client.post(
        reverse("slas:dispute_raise", args=[sla.pk]),
        {"title": "Laptops not supplied", "description": "25 of 40 supplied.", "amount_disputed": "9000"},
    )
    dispute = Dispute.objects.get()
    assert response.status_code == 302 and response.url == dispute.get_absolute_url()
    assert (dispute.stage, dispute.raised_by_party) == ("raised", "almo")
    assert Notification.objects.filter(user=council_officer, message__contains="raised a dispute").exists()

    client.force_login(council_officer)
    url = dispute.get_absolute_url()
    assert client.post(url, {"stage": "in_discussion", "note": "Meeting on 3 February."}).status_code == 302
    assert client.post(url, {"stage": "escalated", "note": "Officers could not agree."}).status_code == 302
    # Resolving needs an outcome; a credit only where the ALMO wins something.
    response = client.post(url, {"stage": "resolved", "note": "Agreed."})
    assert response.status_code == 400 and "Choose the outcome of the dispute." in response.content.decode()
    response = client.post(
        url, {"stage": "resolved", "note": "Agreed.", "outcome": "council_favour", "credit_agreed": "100"}
    )
    assert "A credit is agreed only when the dispute is settled" in response.content.decode()
    response = client.post(
        url, {"stage": "resolved", "note": "Credit for 15 laptops.", "outcome": "compromise", "credit_agreed": "4500"}
    )
    assert response.status_code == 302
    dispute.refresh_from_db()
    assert (dispute.stage, dispute.outcome, dispute.credit_agreed) == ("resolved", "compromise", Decimal("4500.00"))
    assert [e.stage for e in dispute.events.all()] == ["raised", "in_discussion", "escalated", "resolved"]
    assert Notification.objects.filter(user=almo_staff, message__contains="resolved the dispute").exists()
    page = client.get(url).content.decode()
    assert "Compromise agreed, with a credit of £4,500.00 to the ALMO" in page
    assert "Move the dispute on" not in page


def test_a_dispute_only_moves_forward(client, sla, almo_staff, council_officer):
    from slas import services

    dispute = services.dispute_raise(actor=almo_staff, sla=sla, title="Charge", description="Too high.")
    services.dispute_move(actor=council_officer, dispute=dispute, stage="escalated", note="Straight to chiefs.")
    client.force_login(almo_staff)
    response = client.post(dispute.get_absolute_url(), {"stage": "in_discussion", "note": "Back again."})
    assert response.status_code == 400
    dispute.refresh_from_db()
    assert dispute.stage == "escalated"


def test_the_dispute_list_shows_open_ones(client, sla, almo_staff):
    from slas import services

    services.dispute_raise(actor=almo_staff, sla=sla, title="Open one", description="Still going.")
    client.force_login(almo_staff)
    page = client.get(reverse("slas:dispute_list") + "?open=yes").content.decode()
    assert "Open one" in page
