"""Template helpers for drafting plans: whether to offer the buttons that start one."""

from django import template

from delivery_plans.services import drafting

register = template.Library()


@register.simple_tag(takes_context=True)
def may_start_plan(context) -> bool:
    """Whether the signed-in person may start a delivery plan for at least one ALMO."""
    return drafting.almos_for_new_plan(context["request"].user).exists()
