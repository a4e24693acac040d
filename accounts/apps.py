from django.apps import AppConfig
from django.db.models.signals import pre_migrate
from django.utils.translation import gettext_lazy as _


def create_cache_tables(using="default", **kwargs):
    """Create the database cache's table (when a cache uses one) whenever `migrate` runs, so every
    way of deploying the portal (make run, compose, a benchmark server) has it without a migration.

    Before the migrations, not after: anything they set off (the public pages' cache versions,
    allauth) may already write to the cache, and on a fresh database the table must be there."""
    from django.conf import settings
    from django.core.management import call_command

    if any(cache["BACKEND"].endswith("DatabaseCache") for cache in settings.CACHES.values()):
        call_command("createcachetable", database=using, verbosity=0)


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from accounts.sessions import shorten_staff_session

        pre_migrate.connect(create_cache_tables, sender=self, dispatch_uid="accounts.create_cache_tables")
        user_logged_in.connect(shorten_staff_session, dispatch_uid="accounts.shorten_staff_session")
