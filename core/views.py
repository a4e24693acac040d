import logging

from django.conf import settings
from django.db import connection
from django.db.utils import DatabaseError
from django.http import Http404, HttpResponseForbidden, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core.selectors import page_get

logger = logging.getLogger(__name__)


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


def server_error(request):
    """The 500 page in the address's language, rendered without the request context: the
    context processors and the signed-in user would reach for the database, which may be
    the thing that failed."""
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        html = render_to_string("500.html", {"CONTACT_EMAIL": settings.CONTACT_EMAIL})
    return HttpResponseServerError(html)


def csrf_failure(request, reason: str = ""):
    """CSRF_FAILURE_VIEW: Django's own page is English and outside the layout."""
    return HttpResponseForbidden(render_to_string("403_csrf.html", request=request))
