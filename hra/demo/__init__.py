"""Demo HRA and Decent Homes records for the fictional councils and ALMOs of `organisations.demo`. None of it is real.

Three financial years, 2024/25 to 2026/27, for every demo council and ALMO: each council's HRA with its lines,
forecasts and outturns (2026/27 up to the Q2 forecast), an allocation agreed with each ALMO and its capital
receipts; each ALMO's Decent Homes programme with spend against profile, its stock condition year by year, and a
thirty-year investment plan. The stories give every page something to show: a red line with commentary in an
outturn, a red forecast still needing commentary, General Fund recharges above the agreed level, a re-profile
agreed and one waiting for the council, sustainability works above their cap, and the year the money runs short.

Figures come from `random.Random(slug)`, never the clock, and records are written with `core.demo.upsert`, so a
second run changes nothing.
"""

from hra.demo.build import load

__all__ = ["load"]
