import logging

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.db.utils import DatabaseError
from django.http import Http404, HttpResponseForbidden, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.static import serve

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


def _database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Readiness check: the database did not answer")
        return "unavailable"
    return "ok"


def _cache_status() -> str:
    """ "ok"; "fallback" while the database cache stands in for Redis (core/cache.py); or "unavailable"."""
    cache = caches["default"]
    ping = getattr(cache, "ping", None)
    if ping is not None:
        return ping()
    try:
        cache.get("readyz:probe")
    except Exception:
        logger.warning("Readiness check: the cache did not answer", exc_info=True)
        return "unavailable"
    return "ok"


# Each dependency's check; the portal cannot serve without those in REQUIRED. Without Redis, the cache
# falls back to the database and mail waits in PostgreSQL until the broker returns: degraded, not down.
READINESS_CHECKS = {"database": _database_status, "cache": _cache_status, "broker": _broker_status}
REQUIRED = {"database"}
HEALTHY = {"ok", "eager"}


@never_cache
@require_safe
def readyz(request):
    """Readiness: each dependency's state; 503 only when the portal cannot serve (the database is down)."""
    checks = {name: check() for name, check in READINESS_CHECKS.items()}
    if any(checks[name] not in HEALTHY for name in REQUIRED):
        status = "error"
    elif all(value in HEALTHY for value in checks.values()):
        status = "ok"
    else:
        status = "degraded"
    return JsonResponse({"status": status, **checks}, status=503 if status == "error" else 200)


@require_safe
def media(request, path: str):
    """Public media (logos, photos) from MEDIA_ROOT when they are stored on this host's filesystem
    (with object storage their URLs point at the store). Only MEDIA_ROOT: applicants' attachments
    live elsewhere (PRIVATE_MEDIA_ROOT) and only their permission-checking views serve them.
    ``serve`` refuses paths outside MEDIA_ROOT and answers If-Modified-Since with 304."""
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Cache-Control"] = f"public, max-age={settings.MEDIA_MAX_AGE}"
    # An uploaded file is never a page: no scripts, no forms, no frames, even if one slipped through.
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    return response


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
