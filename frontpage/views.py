"""The front page: a composition of what the other apps publish, read through their selectors.
It lives outside ``core`` because core is the shared kernel and imports no domain app."""

from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_safe

from core import public_cache
from core.selectors import page_get
from events.selectors import event_list_next
from funding.selectors import call_next_change, funding_call_status
from members.selectors import coordination_group_list, member_count, public_organisations
from network.selectors import implementation_newest, notice_latest, notice_next_change


def _home_content():
    """The front page's content, rendered without the request (nothing personal), and when it
    changes by itself: an event shown ends, a notice appears or expires, a call opens or closes."""
    now = timezone.now()
    next_events = event_list_next(limit=3, now=now)
    html = render_to_string(
        "frontpage/_home.html",
        {
            "intro": page_get(slug="home"),
            "coordination_group": coordination_group_list(),
            "member_count": member_count(),
            # The directory lists only those who agreed to be listed; the page says so next to the count.
            "listed_count": public_organisations().count(),
            "next_events": next_events,
            "latest_notices": notice_latest(limit=3),
            "newest_implementations": implementation_newest(limit=4),
            "funding_call": funding_call_status(now=now),
        },
    )
    changes_at = public_cache.earliest(
        *(event.ends_at for event in next_events), notice_next_change(now=now), call_next_change(now=now)
    )
    return html, changes_at


@require_safe
def home(request):
    return render(request, "frontpage/home.html", {"content": public_cache.cached("home", (), _home_content)})
