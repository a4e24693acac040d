"""The network's public content: coordination group people, working groups, AI implementations, notices."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from network.enums import ImplementationStatus, PersonRole, Stage, UseCase

PHOTO_MAX_BYTES = 2 * 1024 * 1024
PHOTO_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
FIRST_YEAR = 2015
LAST_YEAR = 2040


def validate_photo_size(file) -> None:
    if file and file.size > PHOTO_MAX_BYTES:
        raise ValidationError(_("The photo may be at most 2 MB."), code="file_too_large")


def validate_links(value: str) -> None:
    """One web address per line."""
    check = URLValidator(schemes=["http", "https"])
    for line in (value or "").splitlines():
        line = line.strip()
        if not line:
            continue
        try:
            check(line)
        except ValidationError:
            raise ValidationError(
                _("Enter one web address (https://…) per line: %(value)s is not one."),
                code="invalid_link",
                params={"value": line},
            ) from None


class Person(models.Model):
    """A person in the coordination group, shown under their organisation."""

    name = models.CharField(_("name"), max_length=120)
    title = models.CharField(pgettext_lazy("job title", "title"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="coordination_people",
        limit_choices_to=Q(coordination_seat__isnull=False),
    )
    role = models.CharField(_("role"), max_length=20, choices=PersonRole.choices, default=PersonRole.MEMBER)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    photo = models.ImageField(
        _("photo"),
        upload_to="network/people/",
        blank=True,
        validators=[FileExtensionValidator(PHOTO_EXTENSIONS), validate_photo_size],
        help_text=_("JPEG, PNG or WebP, at most 2 MB."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("coordination group person")
        verbose_name_plural = _("coordination group people")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class WorkingGroup(models.Model):
    slug = models.SlugField(_("identifier"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    goals = models.TextField(_("goals"), help_text=_("Markdown: headings, lists, links and emphasis."))
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_title = models.CharField(_("contact person's title"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact person's email"), blank=True)
    members = models.ManyToManyField(
        "members.Organisation",
        verbose_name=_("member organisations"),
        blank=True,
        related_name="working_groups",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        ordering = ["order", "slug"]

    def __str__(self) -> str:
        return self.name


class Implementation(models.Model):
    """An AI implementation in the national situational picture ("Tekoälytoteutuksia")."""

    title = models.CharField(_("title"), max_length=200)
    owner = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("responsible organisation"),
        on_delete=models.PROTECT,
        related_name="owned_implementations",
        help_text=_("Its contact persons keep the record up to date."),
    )
    organisations = models.ManyToManyField(
        "members.Organisation",
        verbose_name=_("partner organisations"),
        blank=True,
        related_name="implementations",
    )
    region = models.ForeignKey(
        "members.WelfareRegion",
        verbose_name=_("welfare region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="implementations",
    )
    use_case = models.CharField(_("use case"), max_length=30, choices=UseCase.choices, db_index=True)
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, db_index=True)
    description = models.TextField(_("description"), help_text=_("Markdown: lists, links and emphasis."))
    results = models.TextField(_("results"), blank=True, help_text=_("Markdown: lists, links and emphasis."))
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    links = models.TextField(
        _("links"), blank=True, validators=[validate_links], help_text=_("One web address per line.")
    )
    start_year = models.PositiveSmallIntegerField(
        _("start year"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
    )
    end_year = models.PositiveSmallIntegerField(
        _("end year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ImplementationStatus.choices,
        default=ImplementationStatus.DRAFT,
        db_index=True,
        editable=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, editable=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False, db_index=True)

    class Meta:
        verbose_name = _("AI implementation")
        verbose_name_plural = _("AI implementations")
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["status", "region", "use_case"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__isnull=True) | Q(end_year__gte=models.F("start_year")),
                name="implementation_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("The end year cannot be before the start year.")})

    @property
    def is_published(self) -> bool:
        return self.status == ImplementationStatus.PUBLISHED

    @property
    def link_list(self) -> list[str]:
        return [line.strip() for line in (self.links or "").splitlines() if line.strip()]


class Notice(models.Model):
    """A notice on the bulletin board ("Ilmoitustaulu"), shown between its publish and expiry times."""

    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = models.TextField(_("content"), help_text=_("Markdown: headings, lists, links and emphasis."))
    publish_at = models.DateTimeField(_("publish at"), default=timezone.now, db_index=True)
    expires_at = models.DateTimeField(
        _("expires at"), null=True, blank=True, help_text=_("Leave empty to keep the notice on the board.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-publish_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__isnull=True) | Q(expires_at__gt=models.F("publish_at")),
                name="notice_expires_after_publish",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("network:notice_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.publish_at and self.expires_at and self.expires_at <= self.publish_at:
            raise ValidationError({"expires_at": _("The notice must expire after it is published.")})
