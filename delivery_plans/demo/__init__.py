"""Demo Delivery Plans for the fictional ALMOs of `organisations.demo`. None of it is real.

Each demo ALMO gets a plan for 2024/25 to 2026/27 signed off by both parties, with objectives,
indicators from the shipped library (and a Harrowfield local one), targets, a delegations register,
and eight quarterly returns, Q3 2024/25 (when the portal took over from spreadsheets) to Q2 2026/27.
The demo's "today" is 25 November 2026, so Q2 2026/27 is the latest quarter due.

Everything the portal has a service for goes through that service, so the records, RAG statuses,
concerns and history are what the portal itself would make. The services stamp records with
`timezone.now()`; the loader pins that clock to fixed dates in the story, so reruns and machines
agree and the history reads as if the work had been done over two and a half years. Figures come
from `random.Random(slug)`, never from the clock.

Safe to run again: an ALMO that already has the demo plan is left alone entirely.
"""

from delivery_plans.demo import build
from delivery_plans.demo.stories import PLAN_TITLE, RETURN_PERIODS, TODAY
from organisations.notifications import in_portal_only


def load() -> None:
    # The demo's people are made up: they get their notifications in the portal, and no email.
    with in_portal_only():
        build.load()


__all__ = ["PLAN_TITLE", "RETURN_PERIODS", "TODAY", "load"]
