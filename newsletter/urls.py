from django.conf import settings
from django.http import Http404
from django.urls import path

from newsletter import feeds, views

app_name = "newsletter"


def _tracking_webhooks():
    """Anymail's tracking webhook of each provider, at webhooks/<provider>/tracking/. Without a
    configured WEBHOOK_SECRET they answer 404: an unauthenticated webhook would let anyone
    unsubscribe addresses."""
    from anymail import urls as anymail_urls

    def guarded(view):
        def wrapper(request, *args, **kwargs):
            if not (getattr(settings, "ANYMAIL", {}) or {}).get("WEBHOOK_SECRET"):
                raise Http404
            return view(request, *args, **kwargs)

        wrapper.csrf_exempt = True
        return wrapper

    patterns = []
    for pattern in anymail_urls.urlpatterns:
        name = pattern.name or ""
        if name.endswith("_tracking_webhook"):
            patterns.append(
                path(
                    f"webhooks/{pattern.pattern}",
                    guarded(pattern.callback),
                    name=name.replace("_webhook", ""),
                )
            )
    return patterns


urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("thanks/", views.thanks, name="thanks"),
    path("confirm/<signed:signed>/", views.confirm, name="confirm"),
    path("s/<token:token>/", views.manage, name="manage"),
    path("s/<token:token>/unsubscribe/", views.manage_unsubscribe, name="manage_unsubscribe"),
    path("unsubscribe/<token:token>/", views.one_click, name="one_click"),
    path("archive/", views.archive, name="archive"),
    path("archive/feed.atom", feeds.ArchiveFeed(), name="feed"),
    path("archive/<int:pk>/", views.archive_detail, name="archive_detail"),
    *_tracking_webhooks(),
]
