"""Demo management agreements, meetings and interventions for the fictional ALMOs of `organisations.demo`.

Each demo ALMO gets an agreement in force (version 1, agreed by both parties) with its delegations register,
financial limits and clauses; a monthly officer liaison meeting with a year of minuted meetings and their actions,
some still open and some overdue, and next month's meeting planned with its agenda made from live data; and a
quarterly monitoring board chaired by the portfolio holder. Kelworth Homes is on the intervention ladder at the
remedial-plan stage, and Harrowfield South Homes has put the council on the ladder over a late management fee.

Everything goes through the services, with the clock pinned to the story's dates (the demo's "today" is 25 November
2026, as for the Delivery Plans demo), so the history reads as if the work was done over the year. Safe to run
again: an ALMO that already has the demo agreement is left alone.
"""

from agreements.demo import build
from organisations.notifications import in_portal_only


def load() -> None:
    # The demo's people are made up: they get their notifications in the portal, and no email.
    with in_portal_only():
        build.load()


__all__ = ["load"]
