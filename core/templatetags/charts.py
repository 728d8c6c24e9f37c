"""The shared SVG charts, for any page: `{% trend_chart history title decimal_places=1 polarity="higher" %}`."""

from django import template

from core.charts import Point
from core.charts import trend_chart as draw_trend_chart

register = template.Library()


@register.simple_tag
def trend_chart(history, title, decimal_places=None, polarity=None):
    """History is a list of {"label", "actual", "target"} and optionally "tolerance", oldest first."""
    points = [Point(h["label"], h["actual"], h["target"], h.get("tolerance")) for h in history]
    return draw_trend_chart(points, title, decimal_places=decimal_places, polarity=polarity)
