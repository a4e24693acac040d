from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from core import views as core_views

urlpatterns = [
    path("healthz/", core_views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
]

urlpatterns += i18n_patterns(
    path("", include("core.urls")),
    path("accounts/", include("allauth.urls")),
    path("members/", include("members.urls")),
    path("", include("network.urls")),
    path("funding/", include("funding.urls")),
    path("events/", include("events.urls")),
    path("newsletter/", include("newsletter.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
