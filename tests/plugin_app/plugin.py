"""What the test-only app registers: a page, a report section, a demo loader, a reminder and digest lines, an agenda
source for liaison meetings and figures for returns."""

from decimal import Decimal

from django.core.mail import send_mail
from django.http import HttpResponse

from core.registries import AgendaLine, SuppliedFigure
from organisations.access import Role

LOADED: list[str] = []


def index(request):
    return HttpResponse("Plugin records")


def section(source) -> dict:
    return {"organisation": source.organisation.name, "period": source.period_label}


def load_demo() -> None:
    LOADED.append("plugin demo")


def sign_ins() -> list[tuple[str, str]]:
    return [("plugin.person", "a person the plugin's demo would add")]


def remind(today) -> int:
    send_mail("Plugin reminder", f"Something of the plugin's is due on {today:%d %B %Y}.", None, ["plugin@example.org"])
    return 1


def digest_lines(user, today) -> list[str]:
    officer = user.memberships.filter(role=Role.COUNCIL_OFFICER, is_active=True).exists()
    return ["- 1 plugin record waiting for you"] if officer else []


def agenda_lines(agenda_for) -> list[AgendaLine]:
    return [AgendaLine(f"Plugin item for {agenda_for.almo.name}", detail="From the plugin's records.")]


def figures(almo, year, quarter) -> list[SuppliedFigure]:
    """BV212 for the test ALMO's first quarter of 2025/26 only, so the demo's own returns are left alone."""
    if (almo.slug, year, quarter) != ("northmoor-homes", 2025, 1):
        return []
    return [SuppliedFigure("BV212", 2100, 100, Decimal("21"), f"From the plugin's records for {almo.name}")]
