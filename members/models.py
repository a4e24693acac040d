import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from members.enums import InvitationStatus, MembershipStatus, OrganisationType
from members.validators import LOGO_FORMATS, logo_format, validate_business_id, validate_logo


def logo_upload_to(instance, filename: str) -> str:
    """A random name (nobody can guess or overwrite another's file) with the extension of the real type."""
    extension = LOGO_FORMATS.get(logo_format(instance.logo) or "", "bin")
    return f"logos/{uuid.uuid4().hex}.{extension}"


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
    logo = models.ImageField(
        _("logo"),
        upload_to=logo_upload_to,
        blank=True,
        validators=[validate_logo],
        help_text=_("PNG, JPEG, WebP or GIF, at most 1 MB."),
    )
    listed_publicly = models.BooleanField(
        _("listed publicly"),
        default=False,
        help_text=_("The organisation has agreed to be listed in the public member directory."),
    )
    terms_accepted_at = models.DateTimeField(_("terms and privacy notice accepted"), null=True, blank=True)
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

    @property
    def is_public(self) -> bool:
        return self.status == MembershipStatus.MEMBER and self.listed_publicly


class ContactPerson(models.Model):
    """A person who speaks for a member organisation and may manage its membership on the site."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="contact_persons"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.CASCADE,
        related_name="contact_roles",
    )
    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)
    title = models.CharField(pgettext_lazy("job title", "title"), max_length=200, blank=True)
    email = models.EmailField(_("email address"))
    language = models.CharField(
        _("language"), max_length=2, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    is_primary = models.BooleanField(_("primary contact person"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["-is_primary", "last_name", "first_name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="contact_person_unique_user"),
            models.UniqueConstraint(
                fields=["organisation"],
                condition=models.Q(is_primary=True),
                name="contact_person_one_primary",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.organisation})"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class ContactInvitation(models.Model):
    """An invitation to the holder of an existing account to become a contact person of an organisation.

    Nobody's account is attached to an organisation without them: the invitation waits until the person
    accepts it through the link mailed to the account's address (or declines it)."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="invitations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.CASCADE,
        related_name="contact_invitations",
    )
    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)
    title = models.CharField(pgettext_lazy("job title", "title"), max_length=200, blank=True)
    email = models.EmailField(_("email address"))
    language = models.CharField(
        _("language"), max_length=2, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    is_primary = models.BooleanField(_("primary contact person"), default=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    token = models.CharField(_("token"), max_length=64, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=InvitationStatus.choices, default=InvitationStatus.PENDING
    )
    created_at = models.DateTimeField(_("invited"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("contact person invitation")
        verbose_name_plural = _("contact person invitations")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"],
                condition=models.Q(status="pending"),
                name="contact_invitation_one_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"


class CoordinationGroupSeat(models.Model):
    """An organisation in the network's coordination group, in the order the site shows them."""

    organisation = models.OneToOneField(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="coordination_seat",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("coordination group organisation")
        verbose_name_plural = _("coordination group organisations")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return str(self.organisation)
