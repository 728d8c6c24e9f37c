"""On a phone 375 px wide, no Delivery Plan page is wider than the screen: wide tables scroll in their own box.

The busiest pages, with the demo's data and some long unbroken words (a link pasted into commentary) on top.
"""

import pytest

pytestmark = [pytest.mark.browser]

PHONE = {"width": 375, "height": 812}
LONG_LINK = (
    "https://intranet.harrowfield.example.org/repairs/contractor-performance/2026-27/q2/weekly-exceptions-report.pdf"
)

# The elements that stick out past the right edge of the screen, outside any box that scrolls on its own.
OVERFLOWING = """
() => {
  const width = document.documentElement.clientWidth;
  const inScroller = (el) => { if (getComputedStyle(el).position === 'absolute') return false;
    for (let p = el.parentElement; p; p = p.parentElement) {
      if (['auto', 'scroll'].includes(getComputedStyle(p).overflowX)) return true; } return false; };
  return [...document.querySelectorAll('body *')]
    .filter((el) => el.getBoundingClientRect().right > width + 0.5 && !inScroller(el))
    .slice(0, 8)
    .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} ${el.getBoundingClientRect().right}`);
}
"""


@pytest.fixture
def phone(signed_in):
    """phone(username): a signed-in page of that demo user's own, on a screen 375 px wide."""
    return lambda username: signed_in(username, viewport=PHONE)


def assert_fits_a_phone(page, url):
    page.goto(url)
    page.wait_for_load_state("load")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{url} is {width} px wide: {page.evaluate(OVERFLOWING)}"


def _long_words():
    """Commentary and a query with a pasted link, and a concern with a long title: words that do not break."""
    from delivery_plans.models import Actual, Concern, QueryMessage

    commented = Actual.objects.exclude(what_happened="").order_by("-return_record__year", "-return_record__quarter")
    for actual in commented[:20]:
        Actual.objects.filter(pk=actual.pk).update(
            what_happened=f"{actual.what_happened} See {LONG_LINK}", recovery_action=f"Weekly report: {LONG_LINK}"
        )
    QueryMessage.objects.update(text=f"Where is the evidence? {LONG_LINK}")
    Concern.objects.update(description=f"Details: {LONG_LINK}")


def _busiest_return():
    from django.db.models import Count

    from delivery_plans.models import Return

    return (
        Return.objects.filter(plan__almo__slug="harrowfield-north-homes")
        .annotate(lines=Count("actuals"), queried=Count("actuals__queries"))
        .order_by("-queried", "-lines", "-year", "-quarter")
        .first()
    )


def _draft_plan_with_targets_to_enter():
    """A draft plan for the next period, so the targets grid (only for a draft) has inputs to lay out."""
    from delivery_plans.models import DeliveryPlan, PlanIndicator

    in_force = DeliveryPlan.objects.get(almo__slug="harrowfield-north-homes", status="in_force")
    draft = DeliveryPlan.objects.create(
        almo=in_force.almo, title="Delivery Plan 2027 to 2030", first_year=2027, last_year=2029
    )
    for plan_indicator in in_force.plan_indicators.select_related("indicator")[:6]:
        PlanIndicator.objects.create(plan=draft, indicator=plan_indicator.indicator)
    return draft


def test_the_busiest_pages_fit_a_phone(phone, live_server):
    from django.urls import reverse

    from delivery_plans.models import DeliveryPlan, Return

    _long_words()
    busiest = _busiest_return()
    plan = busiest.plan
    draft_plan = _draft_plan_with_targets_to_enter()

    officer = phone("council.officer")
    for url in (
        reverse("home"),
        plan.get_absolute_url(),
        busiest.get_absolute_url(),
        reverse("delivery_plans:plan_targets", args=[plan.pk]),
        reverse("delivery_plans:targets_edit", args=[draft_plan.pk, 2027]),
        reverse("delivery_plans:variance_list"),
        reverse("delivery_plans:review_queue"),
        reverse("delivery_plans:concern_list"),
        reverse("delivery_plans:amendment_list"),
    ):
        assert_fits_a_phone(officer, f"{live_server.url}{url}")

    # The targets grid keeps every input wide enough to type in, and scrolls sideways to reach them.
    officer.goto(f"{live_server.url}{reverse('delivery_plans:targets_edit', args=[draft_plan.pk, 2027])}")
    widths = [box["width"] for box in (i.bounding_box() for i in officer.locator(".portal-targets-grid input").all())]
    assert widths and min(widths) >= 40, widths

    draft = Return.objects.get(plan__almo__slug="harrowfield-south-homes", status="draft")
    south = DeliveryPlan.objects.get(pk=draft.plan_id)
    staff = phone("south.staff")
    for url in (
        reverse("home"),
        south.get_absolute_url(),
        draft.get_absolute_url(),
        reverse("delivery_plans:return_edit", args=[draft.pk]),
        reverse("delivery_plans:return_check", args=[draft.pk]),
        reverse("delivery_plans:returns_to_complete"),
    ):
        assert_fits_a_phone(staff, f"{live_server.url}{url}")
