"""Charts as SVG, drawn on the server: the same markup goes into web pages and PDFs.

Each chart comes with a data table in the page, so the figures never live only in a picture.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import mark_safe

ACTUAL_COLOUR = "#1d70b8"  # GOV.UK blue
TARGET_COLOUR = "#505a5f"  # GOV.UK dark grey


@dataclass(frozen=True)
class Point:
    label: str
    actual: Decimal | None
    target: Decimal | None


def trend_chart(points: list[Point], title: str, width: int = 520, height: int = 200) -> str:
    """A line chart of actuals against targets over periods, with a plain-text description for screen readers."""
    values = [v for p in points for v in (p.actual, p.target) if v is not None]
    if not points or not values:
        return mark_safe(f'<p class="govuk-body-s">{escape(title)}: no figures yet.</p>')
    low, high = float(min(values)), float(max(values))
    if low == high:
        low, high = low - 1, high + 1
    pad = (high - low) * 0.1
    low, high = low - pad, high + pad
    left, right, top, bottom = 48, 32, 22, 28
    plot_w, plot_h = width - left - right, height - top - bottom
    step = plot_w / max(len(points) - 1, 1)

    def x(index):
        return left + index * step

    def y(value):
        return top + plot_h - (float(value) - low) / (high - low) * plot_h

    def line(attribute, colour, dash=""):
        coords = [
            f"{x(i):.1f},{y(getattr(p, attribute)):.1f}"
            for i, p in enumerate(points)
            if getattr(p, attribute) is not None
        ]
        if len(coords) < 2:
            return ""
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        return f'<polyline fill="none" stroke="{colour}" stroke-width="2"{dashes} points="{" ".join(coords)}"/>'

    dots = "".join(
        f'<circle cx="{x(i):.1f}" cy="{y(p.actual):.1f}" r="3" fill="{ACTUAL_COLOUR}"/>'
        for i, p in enumerate(points)
        if p.actual is not None
    )
    labels = "".join(
        f'<text x="{x(i):.1f}" y="{height - 8}" font-size="10" text-anchor="middle" fill="#0b0c0c">'
        f"{escape(p.label)}</text>"
        for i, p in enumerate(points)
    )
    ticks = "".join(
        f'<text x="{left - 6}" y="{y(v) + 3:.1f}" font-size="10" text-anchor="end" fill="#0b0c0c">{v:.1f}</text>'
        f'<line x1="{left}" x2="{width - right}" y1="{y(v):.1f}" y2="{y(v):.1f}" stroke="#b1b4b6" stroke-width="0.5"/>'
        for v in (low + pad, (low + high) / 2, high - pad)
    )
    described = "; ".join(f"{p.label}: actual {_plain(p.actual)}, target {_plain(p.target)}" for p in points)
    legend = (
        f'<line x1="{left}" x2="{left + 18}" y1="9" y2="9" stroke="{ACTUAL_COLOUR}" stroke-width="2"/>'
        f'<text x="{left + 22}" y="12" font-size="10" fill="#0b0c0c">Actual</text>'
        f'<line x1="{left + 70}" x2="{left + 88}" y1="9" y2="9" stroke="{TARGET_COLOUR}" stroke-width="2" '
        f'stroke-dasharray="4 3"/><text x="{left + 92}" y="12" font-size="10" fill="#0b0c0c">Target</text>'
    )
    svg = (
        f'<svg class="portal-chart" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg" aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title><desc>{escape(described)}</desc>"
        f"{legend}{ticks}{line('target', TARGET_COLOUR, '4 3')}{line('actual', ACTUAL_COLOUR)}{dots}{labels}</svg>"
    )
    return mark_safe(svg)


def _plain(value) -> str:
    return "none" if value is None else f"{Decimal(value).normalize():f}"
