"""The registries the shared screens are built from. Each app fills them from its `AppConfig.ready()`.

The home page, the service navigation, the reports, the daily reminders and digest, the demo data
and the API request log never name an app: they read these lists. Adding an app to the portal is
`INSTALLED_APPS`, a URL include, and registrations in the new app's own `apps.py`:

    from core import registries

    registries.navigation.register(registries.NavItem("Inspections", "inspections:index", order=60))
    registries.report_sections.register(
        registries.ReportSection("board_pack", "inspections/report_sections/readiness.html", readiness, order=60)
    )

An entry counts only while the app that registered it is installed, so a test that installs an app for
a while leaves nothing behind once the app is gone again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from django.apps import apps

T = TypeVar("T")


class Registry(Generic[T]):
    """An ordered list of entries (each with an `order`), registered once each, whatever calls `ready()` again."""

    def __init__(self, name: str):
        self.name = name
        self._entries: list[tuple[str, T]] = []

    def register(self, entry: T) -> T:
        app = _registering_app(entry)
        if all(existing != entry for _, existing in self._entries):
            self._entries.append((app, entry))
            self._entries.sort(key=lambda pair: getattr(pair[1], "order", 100))
        return entry

    def __iter__(self) -> Iterator[T]:
        return iter([entry for app, entry in self._entries if not app or apps.is_installed(app)])

    def __len__(self) -> int:
        return len(list(iter(self)))


def _registering_app(entry) -> str:
    """The installed app whose code defined the entry's callable or module, so its entries go when it goes."""
    module = getattr(entry, "module", "") or ""
    for config in apps.get_app_configs():
        if module in (config.name, config.label) or module.startswith(config.name + "."):
            return config.name
    return ""


def _module_of(function: Callable | None) -> str:
    return getattr(function, "__module__", "") or ""


@dataclass(frozen=True)
class NavItem:
    """A section in the header's service navigation. `roles` None means everyone signed in.

    The entry belongs to the app its URL namespace names, or to `app` for a URL with no namespace.
    """

    label: str
    url_name: str
    roles: frozenset[str] | None = None
    order: int = 100
    app: str = ""

    @property
    def module(self) -> str:
        return self.app or self.url_name.split(":")[0]


@dataclass(frozen=True)
class Panel:
    """A block on the home page: a template, and a function giving its context (None hides it)."""

    template: str
    context: Callable
    order: int = 100

    @property
    def module(self) -> str:
        return _module_of(self.context)


@dataclass(frozen=True)
class ReportSection:
    """One part of a report of kind `report`: a template and the selector that gives it plain data.

    `sheets`, when given, turns the same data into spreadsheet sheets for reports that also come as XLSX:
    a list of (title, header, rows), rows holding numbers as numbers and dates as dates.
    """

    report: str
    template: str
    selector: Callable[[Any], dict]
    title: str = ""
    order: int = 100
    sheets: Callable[[dict], list[tuple[str, list[str], list[list]]]] | None = None

    @property
    def module(self) -> str:
        return _module_of(self.selector)


@dataclass(frozen=True)
class Reminder:
    """A daily job that tells people what is due: `send(today)` returns how many it sent; safe to run twice."""

    name: str
    send: Callable[[dt.date], int]
    order: int = 100

    @property
    def module(self) -> str:
        return _module_of(self.send)


@dataclass(frozen=True)
class DigestLines:
    """Lines for one person's daily digest email: `lines(user, today)` returns what waits for them."""

    lines: Callable[[Any, dt.date], list[str]]
    order: int = 100

    @property
    def module(self) -> str:
        return _module_of(self.lines)


@dataclass(frozen=True)
class DemoLoader:
    """Loads one app's demo records; runs after loaders with a lower order. `sign_ins` lists people to print."""

    name: str
    load: Callable[[], None]
    order: int = 100
    sign_ins: Callable[[], list[tuple[str, str]]] | None = field(default=None, compare=False)

    @property
    def module(self) -> str:
        return _module_of(self.load)


@dataclass(frozen=True)
class ApiRequestObserver:
    """Told of every API request once it is answered: `record(request, status, started)`."""

    record: Callable[[Any, int, float], None]
    order: int = 100

    @property
    def module(self) -> str:
        return _module_of(self.record)


@dataclass(frozen=True)
class AgendaFor:
    """What an agenda source is asked about: the ALMO, the meeting's date and the meeting series."""

    almo: Any
    held_on: dt.date
    series_id: int | None = None


@dataclass(frozen=True)
class AgendaLine:
    """One item an agenda source lists; `about` names the party it concerns, where that matters."""

    title: str
    detail: str = ""
    reference: str = ""
    rag: str = ""
    about: str = ""


@dataclass(frozen=True)
class AgendaSource:
    """A heading on liaison meetings' agendas, and `lines(AgendaFor)` that lists its items from live data."""

    key: str
    heading: str
    lines: Callable[[AgendaFor], list[AgendaLine]]
    order: int = 50

    @property
    def module(self) -> str:
        return _module_of(self.lines)


@dataclass(frozen=True)
class SuppliedFigure:
    """A figure another part of the portal holds for an indicator, which a return takes as it is.

    `tenure` is "lcra" or "lcho" where the Regulator asks for the two apart: an indicator reported for LCHO
    takes the LCHO figure, any other the LCRA one.
    """

    code: str
    numerator: Any
    denominator: Any
    value: Any
    provenance: str
    tenure: str = "lcra"


@dataclass(frozen=True)
class FigureSource:
    """Figures a Delivery Plan return takes without retyping: `figures(almo, year, quarter)` lists them."""

    name: str
    figures: Callable[[Any, int, int], list[SuppliedFigure]]
    order: int = 100

    @property
    def module(self) -> str:
        return _module_of(self.figures)


@dataclass(frozen=True)
class DelegationLine:
    """One function in an ALMO's delegations register: how it is held, up to what limit, and who decides."""

    function: str
    arrangement: str
    limit: str
    decided_by: str
    notes: str = ""


@dataclass(frozen=True)
class DelegationRegister:
    """Where an ALMO's delegations are kept, so a Delivery Plan reads them rather than keeping its own.

    `lines(almo)` lists them, or gives None when this register holds none for that ALMO; `url(almo)` is the page
    where they are changed.
    """

    name: str
    lines: Callable[[Any], list[DelegationLine] | None]
    url: Callable[[Any], str]
    order: int = 100

    @property
    def module(self) -> str:
        return _module_of(self.lines)


# The three dashboards a panel may appear on: the council's (its ALMOs side by side), one ALMO's, and its board's.
COUNCIL_DASHBOARD = "council"
ALMO_DASHBOARD = "almo"
BOARD_DASHBOARD = "board"
EVERY_DASHBOARD = frozenset({COUNCIL_DASHBOARD, ALMO_DASHBOARD, BOARD_DASHBOARD})


@dataclass(frozen=True)
class DashboardScope:
    """What a dashboard panel is asked about: who is looking, on which dashboard, and which ALMOs it covers.

    `almos` are the ALMO records the dashboard shows, already through the access rule and all of `council`; a panel
    reads only their records, so it never needs its own access check beyond `restrict(user)` for counts of work.
    """

    user: Any
    dashboard: str
    council: Any
    almos: tuple
    today: dt.date

    @property
    def almo_ids(self) -> list[int]:
        return [almo.pk for almo in self.almos]


@dataclass(frozen=True)
class DashboardPanel:
    """A block on the dashboards: a template, and `context(DashboardScope)` giving its data (None hides it).

    A context may hold `to_note`, a list of plain sentences the board dashboard gathers under "What the board is
    asked to note". A panel must cost the same number of queries for one ALMO as for seventy.
    """

    key: str
    template: str
    context: Callable[[DashboardScope], dict | None]
    dashboards: frozenset[str] = EVERY_DASHBOARD
    order: int = 100

    @property
    def module(self) -> str:
        return _module_of(self.context)


@dataclass(frozen=True)
class ToDo:
    """One line of an ALMO dashboard's to-do list: what waits, how many, where to do it, and by when."""

    text: str
    url: str
    count: int = 1
    due: dt.date | None = None

    def overdue(self, today: dt.date) -> bool:
        return self.due is not None and self.due < today


@dataclass(frozen=True)
class ToDoSource:
    """`items(user, almos, today)` lists what waits for this person about these ALMOs, in the app it belongs to."""

    name: str
    items: Callable[[Any, tuple, dt.date], list[ToDo]]
    order: int = 100

    @property
    def module(self) -> str:
        return _module_of(self.items)


navigation: Registry[NavItem] = Registry("navigation")
home_panels: Registry[Panel] = Registry("home panels")
report_sections: Registry[ReportSection] = Registry("report sections")
reminders: Registry[Reminder] = Registry("reminders")
digest: Registry[DigestLines] = Registry("daily digest")
demo_loaders: Registry[DemoLoader] = Registry("demo loaders")
api_request_observers: Registry[ApiRequestObserver] = Registry("API request observers")
agenda_sources: Registry[AgendaSource] = Registry("meeting agenda")
figure_sources: Registry[FigureSource] = Registry("figures for returns")
delegation_registers: Registry[DelegationRegister] = Registry("delegation registers")
dashboard_panels: Registry[DashboardPanel] = Registry("dashboard panels")
to_do_sources: Registry[ToDoSource] = Registry("dashboard to-do lists")
