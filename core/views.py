import logging

from django.conf import settings
from django.db import connection
from django.db.utils import DatabaseError
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core import public_cache
from core.selectors import page_get
from events.selectors import event_list_next
from funding.selectors import call_next_change, funding_call_status
from members.selectors import coordination_group_list, member_count
from network.selectors import implementation_newest, notice_latest, notice_next_change

logger = logging.getLogger(__name__)


def _home_content():
    """The front page's content, rendered without the request (nothing personal), and when it
    changes by itself: an event shown ends, a notice appears or expires, a call opens or closes."""
    now = timezone.now()
    next_events = event_list_next(limit=3, now=now)
    html = render_to_string(
        "core/_home.html",
        {
            "intro": page_get(slug="home"),
            "coordination_group": coordination_group_list(),
            "member_count": member_count(),
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
    return render(request, "core/home.html", {"content": public_cache.cached("home", (), _home_content)})


@require_safe
def static_probe(request):
    """A static page of the portal's layout, with no database access: the baseline that
    ``benchmarks/pages_bench.py`` compares the real pages with. Not for search engines."""
    response = render(request, "core/probe.html")
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_safe
def page_detail(request, slug: str):
    page = page_get(slug=slug)
    if page is None or slug == "home":
        raise Http404
    return render(request, "core/page.html", {"page": page})


def _broker_status() -> str:
    if not settings.REDIS_URL:
        return "eager"
    import redis

    try:
        client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1)
        client.ping()
    except redis.RedisError:
        return "unavailable"
    return "ok"


@never_cache
@require_safe
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: the database did not answer")
        return JsonResponse(
            {"status": "error", "database": "unavailable", "broker": _broker_status()}, status=503
        )
    return JsonResponse({"status": "ok", "database": "ok", "broker": _broker_status()})
