"""The home page's panels. Each app registers its own in `core.registries.home_panels`, so the home page
becomes a dashboard without this app knowing about the others.
"""

from core import registries


def panels_for(request) -> list[dict]:
    shown = []
    for panel in registries.home_panels:
        context = panel.context(request)
        if context is not None:
            shown.append({"template": panel.template, "context": context})
    return shown
