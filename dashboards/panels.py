"""What each domain adds to the dashboards, gathered from `core.registries` so this app names none of them.

Each app registers a `DashboardPanel` (a template and its data for the dashboard's ALMOs) and a `ToDoSource` (what
waits for the person about those ALMOs). A panel with nothing to show gives None and is left out.
"""

from __future__ import annotations

from core import registries
from organisations.cached_pages import cached_for


def panels_for(scope: registries.DashboardScope) -> list[dict]:
    return cached_for(
        scope.user,
        f"panels-{scope.dashboard}",
        (scope.council.pk, tuple(scope.almo_ids), scope.today),
        lambda: _panels_for(scope),
    )


def _panels_for(scope: registries.DashboardScope) -> list[dict]:
    shown = []
    for panel in registries.dashboard_panels:
        if scope.dashboard not in panel.dashboards:
            continue
        context = panel.context(scope)
        if context is not None:
            shown.append({"key": panel.key, "template": panel.template, "context": context})
    return shown


def to_note(panels: list[dict]) -> list[str]:
    """The sentences the panels ask a board to note, in the panels' order."""
    return [note for panel in panels for note in panel["context"].get("to_note", [])]


def to_do_for(user, almos, today) -> list[registries.ToDo]:
    """Everything waiting for the person about these ALMOs, the earliest due first and undated ones last.

    Kept per person: some lists hold what the person owns, not only what their access lets them see.
    """
    return cached_for(user, "to-do", (user.pk, tuple(a.pk for a in almos), today), lambda: _to_do(user, almos, today))


def _to_do(user, almos, today) -> list[registries.ToDo]:
    items = [item for source in registries.to_do_sources for item in source.items(user, tuple(almos), today)]
    return sorted(items, key=lambda item: (item.due is None, item.due or today, item.text))
