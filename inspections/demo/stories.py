"""The demo's inspection stories, one per fictional ALMO. None of it is real.

Dates are fixed, never taken from the clock, so every load makes the same records. The demo's "today" is late
2026: Harrowfield North has a regulator inspection coming with an internal audit nine days later (an overlap
warning), Harrowfield South had two inspectorate inspections under six months apart, and Ashby Vale Homes, held at
1 star, works to a later deadline both parties agreed: 31 March 2027, inside the six-month warning.
"""

import datetime as dt

D = dt.date

RSH_FRAMEWORK = (
    "rsh-2024",
    "Regulator of Social Housing consumer standards (2024)",
    "Regulator of Social Housing, consumer standards from 1 April 2024",
    "Harrowfield's own framework for the consumer standards, each a set of required outcomes.",
    [
        (
            "SQ",
            "Safety and Quality",
            [
                ("SQ1", "Do we know the condition of every home, from an accurate, up-to-date stock survey?"),
                ("SQ2", "Are gas, fire, asbestos, water and lift safety checks complete and acted on?"),
                ("SQ3", "Are repairs done right first time and on time, and do tenants know what to expect?"),
            ],
        ),
        (
            "TIA",
            "Transparency, Influence and Accountability",
            [
                ("TIA1", "Do tenants shape services and hold us to account?"),
                ("TIA2", "Do we publish the Tenant Satisfaction Measures and act on them?"),
                ("TIA3", "Are complaints handled to the Complaint Handling Code?"),
            ],
        ),
        (
            "NC",
            "Neighbourhood and Community",
            [("NC1", "Do we tackle anti-social behaviour and hate incidents with partners and support victims?")],
        ),
        ("TEN", "Tenancy", [("TEN1", "Are homes let fairly, and do we help tenants sustain their tenancies?")]),
    ],
)

OWNERS = ["Sue Whittaker", "Dev Patel", "Lorna McKay", "Ahmed Rashid", "Beth Oduya"]

EVIDENCE = [
    ("Delivery Plan 2024 to 2027", "The plan signed by both parties, with targets.", D(2027, 3, 31)),
    ("Tenant involvement strategy", "How tenants take part, from panels to scrutiny.", D(2026, 12, 15)),
    ("Board minutes, September 2026", "Minutes of the board meeting that reviewed performance.", None),
    ("Complaints policy", "Stages, timescales and appeals.", D(2026, 10, 31)),
]

# (slug, mean score, inspections, actions, support, meetings, calendar entries, extension)
# An inspection: (kind, title, starts, ends, lead, stars, prospects, summary, recommendations)
STORIES = {
    "harrowfield-north-homes": {
        "mean": 3.0,
        "inspections": [
            (
                "inspectorate",
                "ALMO inspection",
                D(2005, 3, 7),
                D(2005, 3, 11),
                "Housing Inspectorate, lead inspector J. Carr",
                2,
                "promising",
                "A good, 2-star service with promising prospects.",
                [("Publish repairs performance estate by estate.", "medium")],
            ),
            (
                "mock",
                "Mock landlord services inspection",
                D(2026, 10, 5),
                D(2026, 10, 7),
                "Harrowfield Central Homes peer team",
                2,
                "promising",
                "Ready in most areas; user involvement needs more evidence.",
                [
                    ("Show how tenants' scrutiny changed a service.", "high"),
                    ("Bring the complaints policy review up to date.", "medium"),
                ],
            ),
            (
                "regulator",
                "Consumer standards inspection",
                D(2027, 2, 15),
                D(2027, 2, 19),
                "Regulator of Social Housing",
                None,
                "",
                "",
                [],
            ),
        ],
        "calendar": [("audit", "Internal audit of repairs", D(2027, 2, 24), D(2027, 2, 26))],
        "actions": [
            ("Evidence the impact of tenant scrutiny", "Lorna McKay", D(2026, 11, 13), "in_progress"),
            ("Review the complaints policy", "Ahmed Rashid", D(2027, 1, 29), "not_started"),
        ],
        "support": [],
        "meetings": [],
    },
    "harrowfield-central-homes": {
        "mean": 2.6,
        "inspections": [
            (
                "inspectorate",
                "ALMO inspection",
                D(2005, 5, 9),
                D(2005, 5, 13),
                "Housing Inspectorate, lead inspector P. Moss",
                2,
                "uncertain",
                "A good service; prospects uncertain.",
                [("Tighten the Delivery Plan's variance reporting.", "high")],
            ),
            (
                "council_review",
                "Council review of the management fee",
                D(2027, 3, 1),
                D(2027, 3, 5),
                "Harrowfield finance team",
                None,
                "",
                "",
                [],
            ),
        ],
        "calendar": [],
        "actions": [("Tighten variance reporting to the council", "Dev Patel", D(2027, 2, 26), "in_progress")],
        "support": [],
        "meetings": [],
    },
    "harrowfield-south-homes": {
        "mean": 2.2,
        "inspections": [
            (
                "inspectorate",
                "ALMO inspection",
                D(2007, 10, 1),
                D(2007, 10, 5),
                "Housing Inspectorate, lead inspector R. Dale",
                1,
                "promising",
                "A fair, 1-star service with promising prospects.",
                [("Speed up re-letting empty homes.", "high")],
            ),
            (
                "inspectorate",
                "ALMO re-inspection",
                D(2008, 3, 3),
                D(2008, 3, 7),
                "Housing Inspectorate, lead inspector R. Dale",
                2,
                "promising",
                "A good, 2-star service.",
                [],
            ),
        ],
        "calendar": [],
        "actions": [("Cut re-let times below the median", "Beth Oduya", D(2026, 9, 30), "in_progress")],
        "support": [
            (
                "nfa",
                "mentoring",
                "Harrowfield North Homes",
                "Mentoring for the lettings team.",
                "free_advice",
                0,
                True,
                "finished",
                D(2007, 11, 12),
            )
        ],
        "meetings": [],
    },
    "kelworth-homes": {
        "mean": 2.9,
        "inspections": [
            (
                "peer_review",
                "IDeA and HouseMark peer review",
                D(2026, 6, 8),
                D(2026, 6, 12),
                "IDeA and HouseMark peer team",
                2,
                "promising",
                "Strong tenant involvement, a legacy of the TMO.",
                [("Benchmark repairs costs against London peers.", "medium")],
            ),
        ],
        "calendar": [("review", "Departmental audit of Decent Homes spend", D(2027, 1, 11), D(2027, 1, 15))],
        "actions": [("Benchmark repairs costs with HouseMark", "Sue Whittaker", D(2027, 3, 31), "not_started")],
        "support": [],
        "meetings": [],
    },
    "ashby-vale-homes": {
        "mean": 1.9,
        "inspections": [
            (
                "inspectorate",
                "ALMO inspection",
                D(2008, 6, 2),
                D(2008, 6, 6),
                "Housing Inspectorate, lead inspector M. Shaw",
                1,
                "uncertain",
                "A fair, 1-star service; prospects uncertain.",
                [
                    ("Put performance management at the heart of the business.", "high"),
                    ("Train the board to challenge performance.", "high"),
                ],
            ),
            (
                "mock",
                "Mock inspection",
                D(2026, 9, 14),
                D(2026, 9, 16),
                "Kelworth Homes peer team",
                1,
                "promising",
                "Improving, but not yet 2 stars.",
                [],
            ),
        ],
        "calendar": [],
        "actions": [
            ("Monthly performance clinics for managers", "Dev Patel", D(2026, 10, 30), "in_progress"),
            ("Board training on scrutinising performance", "Beth Oduya", D(2027, 2, 12), "not_started"),
        ],
        "support": [
            (
                "nfa",
                "peer_review",
                "Harrowfield North Homes",
                "A peer review of performance management.",
                "free_advice",
                0,
                True,
                "finished",
                D(2026, 5, 11),
            ),
            (
                "inspectorate",
                "critical_friend",
                "Housing Inspectorate",
                "A critical friend before the mock inspection.",
                "free_advice",
                0,
                True,
                "finished",
                D(2026, 7, 1),
            ),
            (
                "consultants",
                "action_plan",
                "Fenwick Housing Consultants",
                "Advice on the improvement plan.",
                "consultancy",
                4500,
                True,
                "under_way",
                D(2026, 8, 3),
            ),
            (
                "ita",
                "board_training",
                "Midlands Tenant Advisers",
                "Training for tenant board members.",
                "consultancy",
                1800,
                False,
                "agreed",
                D(2026, 10, 20),
            ),
        ],
        "meetings": [
            (
                D(2026, 9, 29),
                "Government Office, Ashby Vale District Council, Ashby Vale Homes",
                "The mock inspection shows improvement; performance clinics to start in October.",
            ),
            (
                D(2026, 11, 24),
                "Government Office, Ashby Vale District Council, Ashby Vale Homes",
                "Clinics running; board training booked for February.",
            ),
        ],
        "extension": (
            D(2027, 3, 31),
            "Inspection booked for March 2027 after the improvement plan's actions are done; peer review and mock "
            "inspection completed; monthly progress meetings with the Government Office.",
        ),
    },
}
