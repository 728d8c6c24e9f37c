"""Money as HRA pages show it: `{% load hra_money %}{{ amount|money }}` is £1,234,567, or (£1,234) when negative."""

from django import template

from hra.money import format_accounting

register = template.Library()


@register.filter
def money(value):
    return format_accounting(value)


@register.filter
def pence(value):
    return format_accounting(value, pence=True)


@register.filter
def percent(value):
    """12.5 -> '12.5%'; None -> '–'."""
    if value is None or value == "":
        return "–"
    return f"{value}%"
