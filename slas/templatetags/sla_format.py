"""Money and figures on SLA pages, through the one rounding rule in `core.numbers`."""

from django import template

from core.numbers import format_money, format_number, format_signed

register = template.Library()


@register.filter
def money(value):
    return format_money(value) or ""


@register.filter
def pence(value):
    return format_money(value, pence=True) or ""


@register.filter
def figure(value, places=2):
    """A standard's target or result: as many places as it needs, up to two (95.5, 8, 12.25)."""
    text = format_number(value, places)
    return text.rstrip("0").rstrip(".") if text and "." in text else (text or "")


@register.filter
def percent_change(value):
    text = format_signed(value, 1)
    return f"{text}%" if text else ""
