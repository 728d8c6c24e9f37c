"""Demo SLAs for the fictional ALMOs of `organisations.demo`: none of it is real.

Every demo ALMO buys IT, legal, and HR and payroll services from its council, each agreed by both parties, with
service standards, eight quarters of performance, and benchmarks. On top: a red IT quarter at Harrowfield North, a
legal dispute in discussion there, a resolved IT dispute at Kelworth, a renegotiation at Harrowfield Central and a
draft call centre SLA at Ashby Vale waiting for the council. Everything goes through the portal's services.

Safe to run again: an SLA the demo already made is left alone.
"""

from organisations.notifications import in_portal_only
from slas.demo import build


def load() -> None:
    # The demo's people are made up: they get their notifications in the portal, and no email.
    with in_portal_only():
        build.load()
