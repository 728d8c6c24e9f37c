"""One register, not two: a Delivery Plan shows the delegations register of the agreement in force, and keeps none."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from delivery_plans.models import Delegation
from delivery_plans.services import drafting
from tests.agreements.conftest import make_agreement

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(almo, council_officer):
    return drafting.plan_create(
        actor=council_officer, almo=almo, title="Delivery plan 2025 to 2027", first_year=2025, last_year=2026
    )


def test_the_plan_shows_the_agreements_register_once_an_agreement_is_in_force(
    client, plan, almo, council_officer, almo_staff
):
    Delegation.objects.create(plan=plan, decision_area="Rent setting", decided_by=Delegation.DecidedBy.COUNCIL_CABINET)
    client.force_login(almo_staff)
    before = client.get(plan.get_absolute_url()).content.decode()
    assert "Rent setting" in before and "Disposal of land and buildings" not in before

    agreement = make_agreement(almo, council_officer, almo_staff)
    after = client.get(plan.get_absolute_url()).content.decode()
    assert "Disposal of land and buildings" in after
    assert "Shared: both must agree" in after and "Up to £250,000 each" in after and "ALMO board" in after
    assert f'href="{agreement.get_absolute_url()}#functions"' in after
    assert "Rent setting" not in after  # the plan's own list is no longer a second register

    page = client.get(reverse("delivery_plans:delegation_list", args=[plan.pk])).content.decode()
    assert "Disposal of land and buildings" in page


def test_a_draft_plan_keeps_no_delegations_of_its_own_while_the_agreement_keeps_them(
    client, draft, almo, council_officer, almo_staff
):
    drafting.delegation_create(actor=council_officer, plan=draft, decision_area="Rent setting", decided_by="shared")
    make_agreement(almo, council_officer, almo_staff)

    with pytest.raises(ValidationError, match="kept in its management agreement"):
        drafting.delegation_create(actor=council_officer, plan=draft, decision_area="Lettings", decided_by="shared")
    delegation = Delegation.objects.get(plan=draft)
    with pytest.raises(ValidationError, match="kept in its management agreement"):
        drafting.delegation_update(
            actor=council_officer, delegation=delegation, decision_area="Rents", decided_by="shared"
        )
    assert list(Delegation.objects.filter(plan=draft).values_list("decision_area", flat=True)) == ["Rent setting"]

    client.force_login(council_officer)
    page = client.get(reverse("delivery_plans:delegation_list", args=[draft.pk])).content.decode()
    assert "Add a delegation" not in page and "Disposal of land and buildings" in page


def test_an_agreement_still_in_draft_leaves_the_plan_its_own_list(client, draft, almo, council_officer):
    make_agreement(almo, council_officer)  # not agreed by the ALMO, so not in force
    delegation = drafting.delegation_create(
        actor=council_officer, plan=draft, decision_area="Rent setting", decided_by="shared"
    )
    assert delegation.pk
    client.force_login(council_officer)
    page = client.get(reverse("delivery_plans:delegation_list", args=[draft.pk])).content.decode()
    assert "Add a delegation" in page and "Rent setting" in page
