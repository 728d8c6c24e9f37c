"""What a report section is given: the organisation and period the report is about.

Reporting builds one `ReportSource` for a run and hands it to every registered section's selector.
Sections of one app share work through `memo`, so a return loaded for one section is not loaded again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from core.periods import period_label

# The kinds of report, as the reporting app names them. Sections register against these names.
QUARTERLY_RETURN = "quarterly_return"
COUNCIL_VARIANCE = "council_variance"
BOARD_PACK = "board_pack"
MEETING_PACK = "meeting_pack"
CONSULTATION_REPORT = "consultation_report"


@dataclass
class ReportSource:
    """One report run's subject: a council, perhaps one of its ALMOs, and a quarter of a financial year."""

    kind: str
    council: Any
    almo: Any = None
    year: int | None = None
    quarter: int | None = None
    parameters: dict = field(default_factory=dict)
    title: str = ""
    _memo: dict = field(default_factory=dict, repr=False)

    @property
    def period_label(self) -> str:
        return period_label(self.year, self.quarter) if self.year else ""

    @property
    def organisation(self):
        return self.almo or self.council

    def memo(self, key: str, compute: Callable[[], Any]) -> Any:
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]
