import datetime as dt

import pytest

from core.working_days import add_working_days, bank_holidays, is_working_day, working_days_between


def test_english_bank_holidays_include_easter_substitutes_and_one_off_days():
    assert dt.date(2027, 3, 26) in bank_holidays(2027)  # Good Friday
    assert dt.date(2027, 3, 29) in bank_holidays(2027)  # Easter Monday
    assert {dt.date(2027, 12, 27), dt.date(2027, 12, 28)} <= bank_holidays(2027)  # Christmas on a Saturday
    # The state funeral was proclaimed a bank holiday; the Platinum Jubilee moved the late May one.
    assert dt.date(2022, 9, 19) in bank_holidays(2022) and dt.date(2022, 5, 30) not in bank_holidays(2022)


def test_working_days_skip_weekends_and_bank_holidays():
    assert not is_working_day(dt.date(2027, 5, 3)) and is_working_day(dt.date(2027, 5, 4))
    assert not is_working_day(dt.date(2027, 5, 8))  # a Saturday
    # Friday 12 March 2027 + 20 working days: Easter's two holidays push it from 9 to 13 April.
    assert add_working_days(dt.date(2027, 3, 12), 20) == dt.date(2027, 4, 13)
    assert working_days_between(dt.date(2027, 3, 12), dt.date(2027, 4, 13)) == 20
    assert working_days_between(dt.date(2027, 4, 13), dt.date(2027, 3, 12)) == -20
    with pytest.raises(ValueError):
        add_working_days(dt.date(2027, 3, 12), -1)
