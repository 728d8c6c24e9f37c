"""The dashboards: the council's, one ALMO's, and its board's."""

from dashboards.views.almo import almo_dashboard
from dashboards.views.board import board_dashboard
from dashboards.views.council import council_dashboard, index

__all__ = ["almo_dashboard", "board_dashboard", "council_dashboard", "index"]
