from django import template

from funding.formatting import format_moment, format_money, format_percent

register = template.Library()


@register.filter(name="money")
def money_filter(value) -> str:
    return format_money(value)


@register.filter(name="percent")
def percent_filter(value) -> str:
    return format_percent(value)


@register.filter(name="status_label")
def status_label(value) -> str:
    from funding.enums import ApplicationStatus

    if not value:
        return "–"
    try:
        return str(ApplicationStatus(value).label)
    except ValueError:
        return str(value)


@register.filter(name="moment")
def moment_filter(value) -> str:
    return format_moment(value)
