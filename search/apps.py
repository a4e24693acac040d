from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _rebuild_after_migrate(sender, using="default", **kwargs):
    """Documents exist on an existing database right after ``migrate`` (and follow any change to how
    an app builds them); on an empty database this costs one query per kind."""
    from search import services

    services.index_rebuild(using=using)


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core import search as protocol
        from search import services

        protocol.connect(services.refresh_later)
        # Sent once per app after all migrations have run: with this app as sender, once.
        post_migrate.connect(_rebuild_after_migrate, sender=self, dispatch_uid="search:rebuild")
