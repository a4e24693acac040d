from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kpi.enums import Measure


class Target(models.Model):
    """A target for one measure over a period; the dashboard uses the one valid on the day it shows."""

    measure = models.CharField(_("measure"), max_length=30, choices=Measure.choices)
    value = models.DecimalField(_("target value"), max_digits=12, decimal_places=2)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(
        _("valid to"), null=True, blank=True, help_text=_("Empty: until further notice.")
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["measure", "-valid_from"]
        permissions = [("view_dashboard", _("Can view the dashboard of the network's measures"))]
        constraints = [
            models.UniqueConstraint(fields=["measure", "valid_from"], name="kpi_target_unique_start"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="kpi_target_valid_to_after_from",
                violation_error_message=_("The target must end on or after the day it starts."),
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="kpi_target_value_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.get_measure_display()} {self.value} ({self.valid_from})"


class DigestRun(models.Model):
    """One day's digest to the coordinators (at most one a day; the next counts from this one)."""

    day = models.DateField(_("day"), unique=True)
    created_at = models.DateTimeField(_("created"))
    recipients = models.PositiveIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("coordinators' digest")
        verbose_name_plural = _("coordinators' digests")
        ordering = ["-day"]

    def __str__(self) -> str:
        return str(self.day)
