"""The HRA as people use it: a council sets a year with an ALMO's fee, both sides agree, forecasts come in, the
checks flag what is wrong, and bad input is refused by name with nothing saved."""

from decimal import Decimal

import pytest
from django.urls import reverse

from hra import selectors
from hra.models import AllocationAgreement, CapitalReceipt, HraLine, HraYear, LineCategory
from organisations.models import Notification
from tests.hra.conftest import category, make_allocation, make_line, make_year

pytestmark = pytest.mark.django_db
D = Decimal


def test_a_council_officer_sets_a_years_hra_with_the_almos_fee(client, council_officer, almo_staff, almo):
    client.force_login(council_officer)
    response = client.post(
        reverse("hra:year_create"),
        {"year": "2026", "opening_balance": "5,000,000", "minimum_balance": "2000000",
         "general_fund_recharge_limit": "£600,000", "tolerance_percent": "2"},
    )  # fmt: skip
    hra_year = HraYear.objects.get()
    assert response.url == hra_year.get_absolute_url()
    assert hra_year.opening_balance == D("5000000.00") and hra_year.general_fund_recharge_limit == D("600000")
    fee = category("management-fee")
    client.post(
        reverse("hra:line_create", args=[hra_year.pk]),
        {"category": fee.pk, "name": "Management fee", "holder": almo.pk, "budget": "3,100,000.50"},
    )
    line = HraLine.objects.get()
    assert line.holder == almo and line.budget == D("3100000.50")
    response = client.post(
        reverse("hra:allocation_create", args=[hra_year.pk]),
        {"almo": almo.pk, "management_fee": "3100000.50", "almo_share_percent": "20", "council_share_percent": "55",
         "pooled_percent": "25"},
    )  # fmt: skip
    allocation = AllocationAgreement.objects.get()
    assert Notification.objects.filter(user=almo_staff, link=allocation.get_absolute_url()).exists()
    client.post(reverse("hra:allocation_agree", args=[allocation.pk]))
    client.force_login(almo_staff)
    page = client.get(allocation.get_absolute_url()).content.decode()
    assert "Agree the allocation" in page and "£3,100,001" in page
    client.post(reverse("hra:allocation_agree", args=[allocation.pk]))
    allocation.refresh_from_db()
    assert allocation.agreed_by_both
    assert Notification.objects.filter(user=council_officer, message__contains="both sides have").exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"budget": "-100"}, "budget", "cannot be negative"),
        ({"budget": "12.345"}, "budget", "2 decimal places"),
        ({"budget": "ten pounds"}, "budget", "Enter an amount in pounds"),
        ({"category": "999999"}, "category", "Choose one of the categories"),
        ({"name": ""}, "name", "Enter the line's name"),
    ],
)
def test_a_bad_line_is_refused_by_name(client, council_officer, hra_year, data, field, message):
    client.force_login(council_officer)
    fields = {"category": category("repairs").pk, "name": "Repairs", "budget": "100", **data}
    response = client.post(reverse("hra:line_create", args=[hra_year.pk]), fields)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert not HraLine.objects.exists()


def test_a_split_that_does_not_add_to_100_is_refused(client, council_officer, hra_year, almo):
    client.force_login(council_officer)
    response = client.post(
        reverse("hra:allocation_create", args=[hra_year.pk]),
        {"almo": almo.pk, "management_fee": "1000", "almo_share_percent": "20", "council_share_percent": "50",
         "pooled_percent": "25"},
    )  # fmt: skip
    assert response.status_code == 400
    assert "add up to 95 per cent" in response.context["form"].errors["pooled_percent"][0]
    assert not AllocationAgreement.objects.exists()


def test_a_negative_fee_is_refused(client, council_officer, hra_year, almo):
    client.force_login(council_officer)
    response = client.post(
        reverse("hra:allocation_create", args=[hra_year.pk]),
        {"almo": almo.pk, "management_fee": "-5", "almo_share_percent": "20", "council_share_percent": "55",
         "pooled_percent": "25"},
    )  # fmt: skip
    assert response.status_code == 400 and "cannot be negative" in str(response.context["form"].errors)


def test_a_red_forecast_needs_commentary_from_the_almo(client, almo_staff, lines, council_officer):
    repairs = lines["repairs"]
    client.force_login(almo_staff)
    url = reverse("hra:line_report", args=[repairs.pk])
    response = client.post(url, {"quarter": "2", "figure": "2,700,000"})  # 8 per cent over: red
    assert response.status_code == 400
    assert "red against the budget" in response.context["form"].errors["commentary"][0]
    repairs.refresh_from_db()
    assert repairs.forecast_q2 is None
    client.post(url, {"quarter": "2", "figure": "2700000", "commentary": "Storm damage in October."})
    repairs.refresh_from_db()
    assert repairs.forecast_q2 == D("2700000") and repairs.commentary == "Storm damage in October."
    client.force_login(council_officer)
    page = client.get(repairs.hra_year.get_absolute_url()).content.decode()
    assert "govuk-tag--red" in page and "(£200,000)" not in page and "£200,000" in page


def test_the_almo_cannot_report_a_line_the_council_keeps(client, almo_staff, lines):
    client.force_login(almo_staff)
    response = client.post(reverse("hra:line_report", args=[lines["supervision"].pk]), {"quarter": "1", "figure": "1"})
    assert response.status_code == 404


def test_the_checks_flag_balance_recharges_and_fees(hra_year, lines, almo):
    make_allocation(hra_year, almo, fee="2900000")
    HraLine.objects.filter(pk=lines["recharges"].pk).update(forecast_q1=D("700000"))
    hra_year.minimum_balance = D("9000000")
    loaded = list(hra_year.lines.select_related("category", "holder", "hra_year"))
    flags = [f.message for f in selectors.hra_checks(hra_year, loaded, list(hra_year.allocations.all()), D("1"))]
    assert any("below the council's minimum of £9,000,000" in f for f in flags)
    assert any("recharges from the General Fund are £700,000, above the agreed level of £600,000" in f for f in flags)
    assert any("fee lines add up to £3,000,000, but its allocation agreement says £2,900,000" in f for f in flags)
    assert any("does not match the previous year's outturn balance" in f for f in flags)


def test_totals_reconcile_and_the_balance_carries(hra_year, lines):
    loaded = list(hra_year.lines.select_related("category"))
    totals = selectors.totals(hra_year, loaded, "budget")
    assert totals.income == D("10000000")
    assert totals.expenditure == D("9800000")
    assert totals.closing == D("5200000")
    assert sum(totals.by_category.values()) == totals.income + totals.expenditure
    assert sum(totals.by_holder.values()) == totals.income + totals.expenditure


def test_changing_a_held_line_means_both_agree_again(client, council_officer, almo_staff, allocation, lines):
    client.force_login(council_officer)
    repairs = lines["repairs"]
    client.post(
        reverse("hra:line_edit", args=[repairs.pk]),
        {"category": repairs.category_id, "name": repairs.name, "holder": repairs.holder_id, "budget": "2600000"},
    )
    allocation.refresh_from_db()
    assert not allocation.agreed_by_both and allocation.waiting_for == ["council", "almo"]
    assert Notification.objects.filter(user=almo_staff, message__contains="agree them again").exists()


def test_a_receipt_is_shared_by_the_agreed_split_to_the_penny(client, council_officer, allocation):
    client.force_login(council_officer)
    response = client.post(
        reverse("hra:receipt_create", args=[allocation.pk]),
        {"quarter": "2", "kind": "right_to_buy", "homes": "1", "amount": "100,000.01"},
    )
    assert response.status_code == 302
    receipt = CapitalReceipt.objects.get()
    assert (receipt.almo_share, receipt.council_share, receipt.pooled) == (D("20000.00"), D("55000.01"), D("25000.00"))
    assert receipt.almo_share + receipt.council_share + receipt.pooled == receipt.amount


def test_no_receipt_before_both_sides_agree(client, council_officer, hra_year, almo):
    allocation = make_allocation(hra_year, almo, agreed=False)
    client.force_login(council_officer)
    response = client.post(
        reverse("hra:receipt_create", args=[allocation.pk]),
        {"quarter": "2", "kind": "right_to_buy", "homes": "1", "amount": "1000"},
    )
    assert response.status_code == 400 and "Both sides must agree" in response.content.decode()
    assert not CapitalReceipt.objects.exists()


def test_the_year_page_shows_totals_flags_and_lines(client, council_officer, hra_year, lines, allocation):
    client.force_login(council_officer)
    page = client.get(hra_year.get_absolute_url()).content.decode()
    assert "Every check passes" in page
    assert "£10,000,000" in page and "£5,200,000" in page
    make_line(hra_year, "bad-debt", "Bad debts", "6000000")
    page = client.get(hra_year.get_absolute_url()).content.decode()
    assert "(£800,000)" in page  # the deficit, in brackets
    assert "below the council&#x27;s minimum" in page


def test_line_categories_are_shipped(db):
    assert LineCategory.objects.filter(kind="income").count() == 4
    assert LineCategory.objects.filter(kind="expenditure").count() == 8
    assert LineCategory.objects.get(role="management_fee").code == "management-fee"


def test_a_year_can_be_set_up_once(client, council_officer, council):
    make_year(council, 2026)
    client.force_login(council_officer)
    response = client.post(
        reverse("hra:year_create"),
        {"year": "2026", "opening_balance": "1", "minimum_balance": "1", "general_fund_recharge_limit": "1",
         "tolerance_percent": "2"},
    )  # fmt: skip
    assert response.status_code == 400 and "already has an HRA" in response.content.decode()
