"""The coordinators' to-do counts on the admin index (read through kpi.selectors)."""

from django import template
from django.utils import timezone

from kpi import selectors

register = template.Library()


@register.simple_tag
def coordinator_tasks(user):
    """What waits for the coordinators, for staff who may change organisations; None for others."""
    if not (user.is_active and user.is_staff and user.has_perm("members.change_organisation")):
        return None
    return selectors.coordinator_tasks(since=timezone.now() - selectors.TASK_WINDOW)
