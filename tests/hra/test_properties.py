"""Properties that hold for any figures (Hypothesis): totals reconcile, shares add up to the receipt, and the
31 March stock position is always 1 April plus the year's movements."""

from decimal import Decimal
from types import SimpleNamespace

from hypothesis import assume, given
from hypothesis import strategies as st

from hra import selectors
from hra.models import StockCondition
from hra.money import format_accounting, parse_money, split_money

PENCE = st.integers(min_value=0, max_value=10**13).map(lambda p: Decimal(p) / 100)
SIGNED_PENCE = st.integers(min_value=-(10**13), max_value=10**13).map(lambda p: Decimal(p) / 100)
INCOME = SimpleNamespace(pk=1, is_income=True, role="other")
SPENDING = SimpleNamespace(pk=2, is_income=False, role="other")


def _line(budget, figure, income, holder):
    figures = {1: figure, 2: None, 3: None, 4: None}
    return SimpleNamespace(
        budget=budget, category=INCOME if income else SPENDING, category_id=1 if income else 2, holder_id=holder,
        figure_at=lambda q: figures[q],
    )  # fmt: skip


LINES = st.lists(
    st.builds(_line, PENCE, st.one_of(st.none(), PENCE), st.booleans(), st.sampled_from([None, 1, 2])), max_size=40
)


@given(LINES, SIGNED_PENCE, st.sampled_from(["budget", 1]))
def test_totals_reconcile_for_any_lines(lines, opening, measure):
    year = SimpleNamespace(opening_balance=opening)
    totals = selectors.totals(year, lines, measure)
    every = sum((selectors.figure_for(line, measure) for line in lines), Decimal(0))
    assert totals.income + totals.expenditure == every
    assert sum(totals.by_category.values(), Decimal(0)) == every
    assert sum(totals.by_holder.values(), Decimal(0)) == every
    assert totals.closing == opening + totals.income - totals.expenditure
    assert totals.income == sum((selectors.figure_for(line, measure) for line in lines if line.category.is_income),
                                Decimal(0))  # fmt: skip


SPLITS = st.tuples(st.integers(0, 10000), st.integers(0, 10000)).filter(lambda t: t[0] + t[1] <= 10000)


@given(PENCE, SPLITS)
def test_shares_of_a_receipt_always_add_up_to_it(amount, split):
    percents = [Decimal(split[0]) / 100, Decimal(split[1]) / 100, Decimal(10000 - split[0] - split[1]) / 100]
    shares = split_money(amount, percents)
    assert sum(shares) == amount
    for share, percent in zip(shares, percents, strict=True):
        assert share >= 0
        assert abs(share - amount * percent / 100) < Decimal("0.01")


COUNT = st.integers(min_value=0, max_value=100_000)


@given(COUNT, COUNT, COUNT, COUNT, COUNT, COUNT, COUNT, COUNT, COUNT, COUNT)
def test_the_31_march_position_is_1_april_plus_movements(homes, non_decent, made, became, dem, dem_nd, rtb, rtb_nd,
                                                          transfers, transfers_nd):  # fmt: skip
    stock = StockCondition(
        homes_at_start=homes, non_decent_at_start=non_decent, made_decent=made, became_non_decent=became,
        demolitions=dem, demolitions_non_decent=dem_nd, right_to_buy_sales=rtb, right_to_buy_non_decent=rtb_nd,
        transfers=transfers, transfers_non_decent=transfers_nd,
    )  # fmt: skip
    assert stock.homes_at_end == homes - dem - rtb - transfers
    assert stock.non_decent_at_end == non_decent - made + became - dem_nd - rtb_nd - transfers_nd
    # Whatever the counts, a position the model accepts is never negative or more non-decent homes than homes.
    try:
        stock.clean()
    except Exception:  # noqa: BLE001 - any refusal is fine; what it accepts must be consistent
        return
    assert 0 <= stock.non_decent_at_end <= stock.homes_at_end


@given(SIGNED_PENCE)
def test_money_reads_back_what_it_shows(amount):
    shown = format_accounting(amount, pence=True)
    text = shown.strip("()")
    assert parse_money(text) == abs(amount)
    assert shown.startswith("(") == (amount < 0)


@given(st.text(max_size=30))
def test_any_text_is_money_or_a_clear_refusal(text):
    assume("\x00" not in text)
    try:
        parse_money(text)
    except ValueError as error:
        assert str(error).startswith("Enter")
