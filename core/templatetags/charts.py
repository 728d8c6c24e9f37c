"""The shared SVG charts, for any page: `{% trend_chart history title %}`."""

from django import template

from core.charts import Point
from core.charts import trend_chart as draw_trend_chart

register = template.Library()


@register.simple_tag
def trend_chart(history, title):
    """History is a list of {"label", "actual", "target"}, oldest first."""
    return draw_trend_chart([Point(h["label"], h["actual"], h["target"]) for h in history], title)
