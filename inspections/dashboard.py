"""The inspection readiness panel on the home page: each ALMO's predicted rating, gaps and overdue actions."""

from core import clock
from inspections.selectors import almo_overview


def home_panel(request):
    rows = [row for row in almo_overview(request.user, clock.today()) if row["assessments"] or row["actions"]["open"]]
    if not rows:
        return None
    return {"rows": rows}
