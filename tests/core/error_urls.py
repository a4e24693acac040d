"""The portal's URLs plus views that fail, for the error-page tests."""

from django.conf.urls.i18n import i18n_patterns
from django.core.exceptions import BadRequest, PermissionDenied
from django.urls import path

from ecosystem.urls import handler500  # noqa: F401 (Django reads the handlers from the URLconf)
from ecosystem.urls import urlpatterns as portal_urlpatterns


def boom(request):
    raise RuntimeError("something broke")


def forbidden(request):
    raise PermissionDenied


def bad(request):
    raise BadRequest


urlpatterns = [
    *i18n_patterns(
        path("test-errors/500/", boom),
        path("test-errors/403/", forbidden),
        path("test-errors/400/", bad),
        prefix_default_language=True,
    ),
    *portal_urlpatterns,
]
