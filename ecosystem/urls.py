from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from core import views as core_views

# The admin signs in through allauth, so its rate limits (and MFA) apply there too.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = _("SOTE AI ecosystem administration")
admin.site.site_title = _("SOTE AI ecosystem")
admin.site.index_title = _("Administration")

handler500 = "core.views.server_error"

urlpatterns = [
    path("healthz/", core_views.healthz, name="healthz"),
    path("readyz/", core_views.readyz, name="readyz"),
    # The open data API is language-neutral: no language prefix.
    path("api/", include("opendata.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
]

urlpatterns += i18n_patterns(
    path("", include("frontpage.urls")),
    path("", include("core.urls")),
    path("accounts/", include("allauth.urls")),
    path("members/", include("members.urls")),
    path("", include("network.urls")),
    path("funding/", include("funding.urls")),
    path("events/", include("events.urls")),
    path("newsletter/", include("newsletter.urls")),
    path("projects/", include("projects.urls")),
    path("surveys/", include("surveys.urls")),
    path("dashboard/", include("kpi.urls")),
    path("my-data/", include("privacy.urls")),
    path("open-data/", include("opendata.urls_pages")),
    path("", include("search.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)

if settings.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage") and settings.MEDIA_URL.startswith(
    "/"
):
    # Uploads on this host's filesystem are served by the portal itself, with DEBUG off too.
    urlpatterns.append(path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", core_views.media, name="media"))
