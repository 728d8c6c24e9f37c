"""The intervention ladder the portal ships with, from the published management agreements and recovery protocols.

A stage is data: an administrator may reword it or change its deadlines in the Django admin. `load_ladder` puts
these rows in place (a data migration calls it; tests on a flushed database call it again) and changes nothing
an administrator has not touched when it runs twice.
"""

from __future__ import annotations

FAILING, OTHER = "failing", "other"
START, PREVIOUS = "stage_start", "previous_met"

# (code, name, description, almo only, options appraisal, recurrence months, [(deadline, days, from, owed by)])
STAGES = [
    (
        "exception_report",
        "Exception report",
        "The failing party reports what has gone wrong, why, and what it is doing about it.",
        False,
        False,
        0,
        [("Exception report sent", 10, START, FAILING)],
    ),
    (
        "performance_surgery",
        "Performance surgery with an action plan",
        "Officers and councillors meet the failing party's leaders and agree an action plan.",
        False,
        False,
        0,
        [("Performance surgery held", 10, START, OTHER), ("Action plan agreed", 10, PREVIOUS, FAILING)],
    ),
    (
        "remedial_plan",
        "Remedial plan",
        "A formal remedial plan with measures and dates. If the failure comes back within three months of the plan "
        "being completed, the next stage starts.",
        False,
        False,
        3,
        [
            ("Remedial plan sent", 20, START, FAILING),
            ("Decision on the remedial plan", 20, PREVIOUS, OTHER),
            ("Revised plan sent, if the plan was not accepted", 10, PREVIOUS, FAILING),
        ],
    ),
    (
        "failure_notice",
        "Formal failure-to-perform notice",
        "A notice under the agreement's failure-to-perform clause, naming the failure and the time to remedy it.",
        False,
        False,
        3,
        [("Response to the notice", 20, START, FAILING), ("Remedy completed", 40, PREVIOUS, FAILING)],
    ),
    (
        "enhanced_monitoring",
        "Enhanced monitoring",
        "More frequent reporting and meetings, with council officers reviewing the service directly.",
        False,
        False,
        3,
        [("First enhanced monitoring review", 20, START, OTHER)],
    ),
    (
        "regulator",
        "Regulator involvement",
        "The council, as landlord, tells the Regulator of Social Housing of a failure it cannot resolve.",
        False,
        False,
        0,
        [("Regulator told", 10, START, OTHER)],
    ),
    (
        "options_appraisal",
        "Options appraisal",
        "An appraisal of the ALMO's future, up to bringing the service back in-house. Tenants must be consulted at "
        "least as rigorously as when the ALMO was set up.",
        True,
        True,
        0,
        [("Options appraisal reported", 60, START, OTHER)],
    ),
]


def load_ladder(stage_model, deadline_model) -> None:
    """Create the shipped stages and their deadlines where missing."""
    for position, (code, name, description, almo_only, appraisal, months, deadlines) in enumerate(STAGES, start=1):
        stage, created = stage_model.objects.get_or_create(
            code=code,
            defaults={
                "position": position * 10,
                "name": name,
                "description": description,
                "almo_only": almo_only,
                "is_options_appraisal": appraisal,
                "recurrence_months": months,
            },
        )
        if not created:
            continue
        for index, (deadline, days, counts_from, owed_by) in enumerate(deadlines, start=1):
            deadline_model.objects.create(
                stage=stage,
                position=index,
                name=deadline,
                working_days=days,
                counts_from=counts_from,
                owed_by=owed_by,
            )
