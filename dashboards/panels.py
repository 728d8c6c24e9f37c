"""What each domain adds to the dashboards, gathered from `core.registries` so this app names none of them.

Each app registers a `DashboardPanel` (a template and its data for the dashboard's ALMOs) and a `ToDoSource` (what
waits for the person about those ALMOs). A panel with nothing to show gives None and is left out.
"""

from __future__ import annotations

from core import registries


def panels_for(scope: registries.DashboardScope) -> list[dict]:
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
    """Everything waiting for the person about these ALMOs, the earliest due first and undated ones last."""
    items = [item for source in registries.to_do_sources for item in source.items(user, tuple(almos), today)]
    return sorted(items, key=lambda item: (item.due is None, item.due or today, item.text))
