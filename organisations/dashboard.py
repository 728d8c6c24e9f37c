"""Home page panels. Each part of the portal registers its own, so the home page becomes a dashboard
without this app knowing about the others.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    """A block on the home page: a template, and a function giving its context (None hides it)."""

    template: str
    context: Callable
    order: int = 100


PANELS: list[Panel] = []


def register(panel: Panel) -> None:
    if panel not in PANELS:
        PANELS.append(panel)
        PANELS.sort(key=lambda p: p.order)


def panels_for(request) -> list[dict]:
    shown = []
    for panel in PANELS:
        context = panel.context(request)
        if context is not None:
            shown.append({"template": panel.template, "context": context})
    return shown
