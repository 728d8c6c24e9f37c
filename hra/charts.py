"""The thirty-year chart: the need each year as bars, the money expected as a line, the first short year marked.

Drawn as SVG on the server like `core.charts`, with the same colours, a title and a plain-text description; the
page always shows the figures in a table beside it. A bar chart belongs in `core.charts` once a second app needs one.
"""

from __future__ import annotations

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from core.charts import ACTUAL_COLOUR, TARGET_COLOUR, TEXT_COLOUR
from hra.money import format_accounting

SHORT_COLOUR = "#d4351c"  # GOV.UK red


def _short_money(value) -> str:
    """£1.2m or £350k for axis labels."""
    value = float(value)
    if abs(value) >= 1_000_000:
        return f"£{value / 1_000_000:,.1f}m"
    if abs(value) >= 1_000:
        return f"£{value / 1_000:,.0f}k"
    return f"£{value:,.0f}"


def gap_chart(rows, title: str, *, shortfall=None, width: int = 720, height: int = 260) -> str:
    if not rows or not any(row.need or row.resources for row in rows):
        return format_html('<p class="govuk-body-s">{}: no figures yet.</p>', title)
    left, right, top, bottom = 64, 16, 28, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    high = float(max(max(row.need, row.resources) for row in rows)) or 1.0
    step = plot_w / len(rows)

    def y(value) -> float:
        return top + plot_h - float(value) / high * plot_h

    bars, labels = [], []
    for index, row in enumerate(rows):
        x = left + index * step
        colour = (
            SHORT_COLOUR
            if shortfall is not None and row.index >= shortfall.index and row.balance < 0
            else ACTUAL_COLOUR
        )
        bars.append(
            f'<rect x="{x + step * 0.15:.1f}" y="{y(row.need):.1f}" width="{step * 0.7:.1f}" '
            f'height="{top + plot_h - y(row.need):.1f}" fill="{colour}"/>'
        )
        if index % 5 == 0 or index == len(rows) - 1:
            labels.append(
                f'<text x="{x + step / 2:.1f}" y="{height - 12}" font-size="10" text-anchor="middle" '
                f'fill="{TEXT_COLOUR}">{escape(row.label)}</text>'
            )
    points = " ".join(f"{left + (i + 0.5) * step:.1f},{y(row.resources):.1f}" for i, row in enumerate(rows))
    axis = "".join(
        f'<text x="{left - 6}" y="{y(v) + 3:.1f}" font-size="10" text-anchor="end" fill="{TEXT_COLOUR}">'
        f'{_short_money(v)}</text><line x1="{left}" x2="{width - right}" y1="{y(v):.1f}" y2="{y(v):.1f}" '
        f'stroke="#b1b4b6" stroke-width="0.5"/>'
        for v in (0, high / 2, high)
    )
    legend = (
        f'<rect x="{left}" y="6" width="12" height="10" fill="{ACTUAL_COLOUR}"/>'
        f'<text x="{left + 16}" y="15" font-size="10" fill="{TEXT_COLOUR}">Need</text>'
        f'<line x1="{left + 60}" x2="{left + 78}" y1="11" y2="11" stroke="{TARGET_COLOUR}" stroke-width="2"/>'
        f'<text x="{left + 82}" y="15" font-size="10" fill="{TEXT_COLOUR}">Resources</text>'
        f'<rect x="{left + 150}" y="6" width="12" height="10" fill="{SHORT_COLOUR}"/>'
        f'<text x="{left + 166}" y="15" font-size="10" fill="{TEXT_COLOUR}">Need once the money has run short</text>'
    )
    described = "; ".join(
        f"{row.label}: need {format_accounting(row.need)}, resources {format_accounting(row.resources)}" for row in rows
    )
    if shortfall is not None:
        described = f"The money runs short in {shortfall.label}. " + described
    svg = (
        f'<svg class="portal-chart" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg" aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title><desc>{escape(described)}</desc>{legend}{axis}{''.join(bars)}"
        f'<polyline fill="none" stroke="{TARGET_COLOUR}" stroke-width="2" points="{points}"/>{"".join(labels)}</svg>'
    )
    # Every piece of text in the drawing is escaped above; the rest is numbers.
    return mark_safe(svg)  # nosec B308 B703
