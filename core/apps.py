from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Site")

    def ready(self):
        from core import converters, signals

        converters.register()

        signals.connect(self)

        from django.contrib import admin

        from core.translation_status import add_translation_status

        add_translation_status(admin.site)
