from django.db import models
from django.utils.translation import gettext_lazy as _

from members.enums import MembershipStatus, OrganisationType
from members.validators import validate_business_id


class WelfareRegion(models.Model):
    """One of Finland's 21 welfare regions (hyvinvointialue)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("welfare region")
        verbose_name_plural = _("welfare regions")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    business_id = models.CharField(
        _("business ID"), max_length=9, blank=True, validators=[validate_business_id]
    )
    type = models.CharField(_("type"), max_length=20, choices=OrganisationType.choices)
    region = models.ForeignKey(
        WelfareRegion,
        verbose_name=_("welfare region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    municipality = models.CharField(_("municipality"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("short description"), blank=True, max_length=2000)
    listed_publicly = models.BooleanField(_("listed publicly"), default=False)
    status = models.CharField(
        _("membership status"),
        max_length=10,
        choices=MembershipStatus.choices,
        default=MembershipStatus.PENDING,
        db_index=True,
    )
    applied_at = models.DateTimeField(_("applied"), null=True, blank=True)
    member_since = models.DateTimeField(_("member since"), null=True, blank=True)
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["business_id"],
                condition=~models.Q(business_id=""),
                name="organisation_business_id_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CoordinationGroupSeat(models.Model):
    """An organisation in the network's coordination group, in the order the site shows them."""

    organisation = models.OneToOneField(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="coordination_seat"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("coordination group organisation")
        verbose_name_plural = _("coordination group organisations")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return str(self.organisation)
