from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrontpageConfig(AppConfig):
    name = "frontpage"
    verbose_name = _("Front page")
