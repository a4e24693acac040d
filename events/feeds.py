"""The iCal feed of all published events, for calendar subscriptions."""

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from events.ics import calendar_bytes
from events.selectors import event_list_feed


@cache_control(public=True, max_age=900)
@require_safe
def all_events(request):
    content = calendar_bytes(event_list_feed(), name=_("SOTE AI ecosystem events"))
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="events.ics"'
    return response
