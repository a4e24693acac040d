from django import template

from funding.formatting import format_money, format_percent

register = template.Library()


@register.filter(name="money")
def money_filter(value) -> str:
    return format_money(value)


@register.filter(name="percent")
def percent_filter(value) -> str:
    return format_percent(value)
