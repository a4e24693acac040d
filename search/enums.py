from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """What the search finds, in the order the results page shows the groups."""

    MEMBER = "member", _("Member organisations")
    IMPLEMENTATION = "implementation", _("AI implementations")
    NOTICE = "notice", _("Bulletin board")
    EVENT = "event", _("Events")
    PROJECT = "project", _("Funded projects")
    NEWSLETTER = "newsletter", _("Newsletter issues")
    PAGE = "page", _("Pages")
