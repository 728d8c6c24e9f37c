"""Demo peer groups for the fictional ALMOs of `organisations.demo`. Safe to run again: nothing changes."""

from benchmarking.models import PeerGroup
from core.demo import upsert

PEER_GROUPS = [
    ("all-almos", "All ALMOs", PeerGroup.Kind.ALL, {}, "Every ALMO in the portal."),
    (
        "large-almos",
        "Large ALMOs (10,000 homes or more)",
        PeerGroup.Kind.STOCK_SIZE,
        {"min_homes": 10000},
        "ALMOs managing at least 10,000 tenanted homes.",
    ),
    (
        "small-and-medium-almos",
        "Small and medium ALMOs (under 10,000 homes)",
        PeerGroup.Kind.STOCK_SIZE,
        {"max_homes": 9999},
        "ALMOs managing fewer than 10,000 tenanted homes.",
    ),
    (
        "yorkshire-and-the-humber",
        "ALMOs in Yorkshire and the Humber",
        PeerGroup.Kind.REGION,
        {"region": "yorkshire"},
        "ALMOs of councils in Yorkshire and the Humber.",
    ),
    ("london", "London ALMOs", PeerGroup.Kind.REGION, {"region": "london"}, "ALMOs of the London boroughs."),
]


def load() -> None:
    for slug, name, kind, rule, description in PEER_GROUPS:
        values = {"name": name, "kind": kind, "min_homes": None, "max_homes": None, "region": "", **rule}
        upsert(PeerGroup, {"slug": slug}, {**values, "description": description})
