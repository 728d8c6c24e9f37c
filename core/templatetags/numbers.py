"""Figures in templates by the portal's one rule (`core.numbers`): `{% load numbers %}{{ value|exact }}`."""

from django import template

from core.numbers import format_exact, format_signed

register = template.Library()


@register.filter
def exact(value):
    """28175651.6700 -> 28,175,651.67: the figure as stored, without its column's padding zeros."""
    shown = format_exact(value)
    return "" if shown is None else shown


@register.filter
def signed(value, decimal_places=0):
    shown = format_signed(value, int(decimal_places))
    return "" if shown is None else shown
