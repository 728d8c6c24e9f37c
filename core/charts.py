"""Charts as SVG, drawn on the server: the same markup goes into web pages and PDFs.

Each chart comes with a data table in the page, so the figures never live only in a picture.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from core.numbers import format_number

ACTUAL_COLOUR = "#1d70b8"  # GOV.UK blue
TARGET_COLOUR = "#505a5f"  # GOV.UK dark grey
TOLERANCE_COLOUR = "#ffdd00"  # GOV.UK yellow, the colour of an amber tag, made pale by its opacity
TEXT_COLOUR = "#0b0c0c"


@dataclass(frozen=True)
class Point:
    label: str
    actual: Decimal | None
    target: Decimal | None
    # How far from target still counts as amber, in the indicator's own units.
    tolerance: Decimal | None = None


def trend_chart(
    points: list[Point],
    title: str,
    width: int = 520,
    height: int = 200,
    *,
    decimal_places: int | None = None,
    polarity: str | None = None,
) -> str:
    """A line chart of actuals against targets over periods, with a plain-text description for screen readers.

    Where points carry a tolerance, the band in which a figure counts as amber is shaded: below the target
    when higher is better, above it when lower is better, and either side when the polarity is not given.
    The value axis is labelled to `decimal_places`, the indicator's own precision (one place if not given).
    """
    bands = [_band(p, polarity) for p in points]
    values = [v for p in points for v in (p.actual, p.target) if v is not None]
    values += [edge for band in bands if band for edge in band]
    if not points or not values:
        return format_html('<p class="govuk-body-s">{}: no figures yet.</p>', title)
    chart = _TrendChart(points, bands, values, width, height, 1 if decimal_places is None else decimal_places)
    described = "; ".join(_describe(p, decimal_places) for p in points)
    svg = (
        f'<svg class="portal-chart" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg" aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title><desc>{escape(described)}</desc>"
        f"{chart.legend()}{chart.band_shapes()}{chart.axis()}{chart.line('target', TARGET_COLOUR, '4 3')}"
        f"{chart.line('actual', ACTUAL_COLOUR)}{chart.dots()}{chart.labels()}</svg>"
    )
    # Every piece of text in the SVG is escaped above and every number is formatted here, so it is safe markup.
    return mark_safe(svg)  # nosec B308 B703


class _TrendChart:
    """The geometry of one trend chart: scales from figures to pixels, and each layer of the drawing."""

    def __init__(self, points, bands, values, width: int, height: int, places: int):
        self.points, self.bands, self.width, self.height = points, bands, width, height
        low, high = float(min(values)), float(max(values))
        self.ticks = sorted({round(v, places) for v in (low, (low + high) / 2, high)})
        if low == high:
            low, high = low - 1, high + 1
        pad = (high - low) * 0.1
        # Rounded tick values may fall just outside the figures: the axis always reaches them.
        self.low, self.high = min(low - pad, self.ticks[0]), max(high + pad, self.ticks[-1])
        self.tick_labels = [_number(v, places) for v in self.ticks]
        self.left = max(48, 6 * max(len(label) for label in self.tick_labels) + 14)
        self.right, top, bottom = 32, 22, 28
        self.top, self.plot_w, self.plot_h = top, width - self.left - self.right, height - top - bottom
        self.step = self.plot_w / max(len(points) - 1, 1)

    def x(self, index) -> float:
        return self.left + index * self.step

    def y(self, value) -> float:
        return self.top + self.plot_h - (float(value) - self.low) / (self.high - self.low) * self.plot_h

    def clamp_x(self, index) -> float:
        return min(max(self.x(index), self.left), self.width - self.right)

    def line(self, attribute: str, colour: str, dash: str = "") -> str:
        coords = [
            f"{self.x(i):.1f},{self.y(getattr(p, attribute)):.1f}"
            for i, p in enumerate(self.points)
            if getattr(p, attribute) is not None
        ]
        if len(coords) < 2:
            return ""
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        return f'<polyline fill="none" stroke="{colour}" stroke-width="2"{dashes} points="{" ".join(coords)}"/>'

    def band_shapes(self) -> str:
        """One shaded polygon for each run of periods with a tolerance; a lone period gets a short block."""
        shapes, run = [], []
        for index, band in enumerate([*self.bands, None]):
            if band is not None:
                run.append((index, band))
                continue
            if run:
                shapes.append(self._band_polygon(run))
                run = []
        return "".join(shapes)

    def _band_polygon(self, run: list) -> str:
        if len(run) == 1:
            (i, edges) = run[0]
            half = min(self.step, self.plot_w) / 4
            run = [(i - half / self.step, edges), (i + half / self.step, edges)]
        upper_edge = [f"{self.clamp_x(i):.1f},{self.y(upper):.1f}" for i, (_, upper) in run]
        lower_edge = [f"{self.clamp_x(i):.1f},{self.y(lower):.1f}" for i, (lower, _) in reversed(run)]
        return (
            f'<polygon class="portal-chart__tolerance" fill="{TOLERANCE_COLOUR}" fill-opacity="0.45" '
            f'stroke="none" points="{" ".join(upper_edge + lower_edge)}"/>'
        )

    def dots(self) -> str:
        return "".join(
            f'<circle cx="{self.x(i):.1f}" cy="{self.y(p.actual):.1f}" r="3" fill="{ACTUAL_COLOUR}"/>'
            for i, p in enumerate(self.points)
            if p.actual is not None
        )

    def labels(self) -> str:
        return "".join(
            f'<text x="{self.x(i):.1f}" y="{self.height - 8}" font-size="10" text-anchor="middle" '
            f'fill="{TEXT_COLOUR}">{escape(p.label)}</text>'
            for i, p in enumerate(self.points)
        )

    def axis(self) -> str:
        left, right = self.left, self.width - self.right
        return "".join(
            f'<text x="{left - 6}" y="{self.y(v) + 3:.1f}" font-size="10" text-anchor="end" fill="{TEXT_COLOUR}">'
            f"{label}</text>"
            f'<line x1="{left}" x2="{right}" y1="{self.y(v):.1f}" y2="{self.y(v):.1f}" stroke="#b1b4b6" '
            'stroke-width="0.5"/>'
            for v, label in zip(self.ticks, self.tick_labels, strict=True)
        )

    def legend(self) -> str:
        left = self.left
        legend = (
            f'<line x1="{left}" x2="{left + 18}" y1="9" y2="9" stroke="{ACTUAL_COLOUR}" stroke-width="2"/>'
            f'<text x="{left + 22}" y="12" font-size="10" fill="{TEXT_COLOUR}">Actual</text>'
            f'<line x1="{left + 70}" x2="{left + 88}" y1="9" y2="9" stroke="{TARGET_COLOUR}" stroke-width="2" '
            f'stroke-dasharray="4 3"/><text x="{left + 92}" y="12" font-size="10" fill="{TEXT_COLOUR}">Target</text>'
        )
        if any(self.bands):
            legend += (
                f'<rect x="{left + 140}" y="4" width="18" height="10" fill="{TOLERANCE_COLOUR}" fill-opacity="0.45"/>'
                f'<text x="{left + 162}" y="12" font-size="10" fill="{TEXT_COLOUR}">Within tolerance (amber)</text>'
            )
        return legend


def _band(point: Point, polarity: str | None) -> tuple[Decimal, Decimal] | None:
    """The lower and upper edge of the amber band at one point, or None where there is no band to draw."""
    if point.target is None or not point.tolerance:
        return None
    target, tolerance = Decimal(point.target), Decimal(point.tolerance)
    if polarity == "higher":
        return target - tolerance, target
    if polarity == "lower":
        return target, target + tolerance
    return target - tolerance, target + tolerance


def _describe(point: Point, places: int | None) -> str:
    text = f"{point.label}: actual {_plain(point.actual, places)}, target {_plain(point.target, places)}"
    if point.target is not None and point.tolerance:
        text += f" (tolerance {_plain(point.tolerance, places)})"
    return text


def _number(value: float, places: int) -> str:
    return f"{value:,.{places}f}"


def _plain(value, places: int | None = None) -> str:
    if value is None:
        return "none"
    if places is None:
        return f"{Decimal(value).normalize():f}"
    return f"{Decimal(value):,.{places}f}"


def sparkline(values: list, title: str, *, width: int = 96, height: int = 24, decimal_places: int = 1) -> str:
    """A small line of up to a few figures (None where a period has none), for a cell of a table.

    The SVG is named by a short description (first and last figure, lowest and highest), so a screen reader hears
    the trend, not every point; the figures themselves are in the page the cell links to.
    """
    known = [(i, Decimal(v)) for i, v in enumerate(values) if v is not None]
    if not known:
        return format_html('<span class="govuk-body-s">{}</span>', "No figures")
    figures = [v for _, v in known]
    low, high = min(figures), max(figures)
    span = (high - low) or Decimal(1)
    step = (width - 6) / max(len(values) - 1, 1)

    def x(index) -> float:
        return 3 + index * step

    def y(value) -> float:
        if high == low:
            return height / 2
        return 3 + (height - 6) * (1 - float((value - low) / span))

    coords = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in known)
    last_i, last_v = known[-1]
    described = (
        f"{title}: from {_rounded(figures[0], decimal_places)} to {_rounded(figures[-1], decimal_places)}, "
        f"lowest {_rounded(low, decimal_places)}, highest {_rounded(high, decimal_places)}, "
        f"{len(figures)} of {len(values)} quarters reported"
    )
    line = (
        f'<polyline fill="none" stroke="{ACTUAL_COLOUR}" stroke-width="1.5" points="{coords}"/>'
        if len(known) > 1
        else ""
    )
    svg = (
        f'<svg class="portal-sparkline" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg" aria-label="{escape(described)}"><title>{escape(described)}</title>'
        f'{line}<circle cx="{x(last_i):.1f}" cy="{y(last_v):.1f}" r="2.5" fill="{TEXT_COLOUR}"/></svg>'
    )
    # Text is escaped and numbers formatted here: safe markup.
    return mark_safe(svg)  # nosec B308 B703


INTERQUARTILE_FILL = "#f3f2f1"  # GOV.UK light grey: the middle half of the peer group


def quartile_chart(
    lower,
    median,
    upper,
    value,
    title: str,
    *,
    subject: str = "This ALMO",
    decimal_places: int = 1,
    width: int = 360,
    height: int = 84,
) -> str:
    """Where one figure sits among a peer group's quartiles: a scale with the lower quartile, median and upper
    quartile marked and labelled (on three rows, so close boundaries never overprint), and the figure as a labelled
    diamond. Only the boundaries are drawn, never a peer's own figure.
    """
    bounds = [Decimal(b) for b in (lower, median, upper)]
    points = [*bounds, *([Decimal(value)] if value is not None else [])]
    low, high = min(points), max(points)
    pad = (high - low) * Decimal("0.08") or Decimal(1)
    low, high = low - pad, high + pad
    left, right = 12, width - 12

    def x(figure) -> float:
        return left + float((Decimal(figure) - low) / (high - low)) * (right - left)

    axis_y = 34
    label = _rounded
    parts = [
        f'<line x1="{left}" x2="{right}" y1="{axis_y}" y2="{axis_y}" stroke="#505a5f" stroke-width="1"/>',
        f'<rect x="{x(bounds[0]):.1f}" y="{axis_y - 8}" width="{max(x(bounds[2]) - x(bounds[0]), 1):.1f}" '
        f'height="16" fill="{INTERQUARTILE_FILL}" stroke="#505a5f" stroke-width="1"/>',
    ]
    for row, (name, bound) in enumerate(zip(("Lower quartile", "Median", "Upper quartile"), bounds, strict=True)):
        anchor = _anchor(x(bound), width)
        parts.append(
            f'<line x1="{x(bound):.1f}" x2="{x(bound):.1f}" y1="{axis_y - 8}" y2="{axis_y + 8}" stroke="{TEXT_COLOUR}" '
            f'stroke-width="{2 if name == "Median" else 1}"/>'
            f'<text x="{x(bound):.1f}" y="{axis_y + 22 + 12 * row}" font-size="10" text-anchor="{anchor}" '
            f'fill="{TEXT_COLOUR}">{escape(name)} {escape(label(bound, decimal_places))}</text>'
        )
    described = (
        f"{title}: lower quartile {label(bounds[0], decimal_places)}, median {label(bounds[1], decimal_places)}, "
        f"upper quartile {label(bounds[2], decimal_places)}"
    )
    if value is not None:
        vx = x(value)
        parts.append(
            f'<path d="M{vx:.1f},{axis_y - 11} l7,11 l-7,11 l-7,-11 z" fill="{ACTUAL_COLOUR}" stroke="{TEXT_COLOUR}"/>'
            # The label runs away from the nearer edge, so a long name is never cut off.
            f'<text x="{vx:.1f}" y="14" font-size="10" text-anchor="{_anchor(vx, width)}" '
            f'font-weight="bold" fill="{TEXT_COLOUR}">{escape(subject)} {escape(label(value, decimal_places))}</text>'
        )
        described += f"; {subject} {label(value, decimal_places)}"
    svg = (
        f'<svg class="portal-chart" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg" aria-label="{escape(described)}"><title>{escape(described)}</title>'
        f"{''.join(parts)}</svg>"
    )
    # Text is escaped and numbers formatted here: safe markup.
    return mark_safe(svg)  # nosec B308 B703


def _rounded(value, places: int) -> str:
    """A figure as the portal's tables show it, rounded half up, so a chart and its table agree."""
    return format_number(value, places)


def _anchor(x: float, width: int) -> str:
    """Text at `x` starts there in the left third, ends there in the right third, and is centred between."""
    return "start" if x < width / 3 else "end" if x > width * 2 / 3 else "middle"
