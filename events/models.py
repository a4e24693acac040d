"""Events: AI mornings, info sessions, webinars and workshops, with registration and feedback."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.questionnaires.models import AnswerBase, QuestionBase, score_range_constraint
from events.enums import EventFormat, EventType, RegistrationStatus


def new_token() -> str:
    """An unguessable token for a registration's private link (256 bits)."""
    return secrets.token_urlsafe(32)


#: Address names used by the events pages themselves.
RESERVED_SLUGS = {"past", "registration", "calendar"}


class Event(models.Model):
    slug = models.SlugField(_("address name"), max_length=120, unique=True)
    type = models.CharField(_("type"), max_length=20, choices=EventType.choices, db_index=True)
    format = models.CharField(
        _("format"), max_length=10, choices=EventFormat.choices, default=EventFormat.ONLINE
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(
        _("description"), blank=True, help_text=_("Markdown: headings, lists, links and emphasis.")
    )
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(
        _("place"), max_length=300, blank=True, help_text=_("Address of the venue; empty for online events.")
    )
    joining_url = models.URLField(
        _("joining link"),
        max_length=500,
        blank=True,
        help_text=_("Shown only to registered participants, never on the public page."),
    )
    language = models.CharField(
        _("language of the event"), max_length=5, choices=settings.LANGUAGES, default="fi"
    )
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_("Empty: no limit. Beyond it, people join a waiting list."),
    )
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(
        _("registration closes"),
        null=True,
        blank=True,
        help_text=_("Empty: registration closes when the event starts."),
    )
    published = models.BooleanField(_("published"), default=True, db_index=True)
    materials = models.TextField(
        _("materials"),
        blank=True,
        help_text=_("Shown after the event. Markdown: links to slides and recordings."),
    )
    reported_attendance = models.PositiveIntegerField(
        _("participants reported by the meeting tool"),
        null=True,
        blank=True,
        help_text=_("The total number of participants, when it is larger than the registrations matched."),
    )
    # RFC 5545 SEQUENCE of the participants' calendar entries: raised with each change of time or place
    # that they are told of, so their calendars replace the entry (same UID) instead of ignoring it.
    ics_sequence = models.PositiveIntegerField(_("calendar entry version"), default=0, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("This address name is reserved; choose another.")})
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The event must end after it starts.")})
        if (
            self.registration_opens_at
            and self.registration_closes_at
            and self.registration_closes_at <= self.registration_opens_at
        ):
            raise ValidationError({"registration_closes_at": _("Registration must close after it opens.")})

    @property
    def is_past(self) -> bool:
        return self.ends_at <= timezone.now()

    @property
    def is_online(self) -> bool:
        return self.format in (EventFormat.ONLINE, EventFormat.HYBRID)

    @property
    def places_left(self) -> int | None:
        """Free places (None: no limit); uses the ``registered_count`` annotation when present."""
        if self.capacity is None:
            return None
        registered = getattr(self, "registered_count", None)
        if registered is None:
            registered = self.registrations.filter(status=RegistrationStatus.REGISTERED).count()
        return max(self.capacity - registered, 0)

    def registration_is_open(self, now=None) -> bool:
        now = now or timezone.now()
        closes = self.registration_closes_at or self.starts_at
        return (
            self.published
            and (self.registration_opens_at is None or self.registration_opens_at <= now)
            and now < closes
        )


class ProgrammeItem(models.Model):
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="programme"
    )
    starts_at = models.TimeField(_("start time"))
    ends_at = models.TimeField(_("end time"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("programme item")
        verbose_name_plural = _("programme items")
        ordering = ["starts_at", "order", "id"]

    def __str__(self) -> str:
        return f"{self.starts_at:%H.%M} {self.title}".strip()


class Speaker(models.Model):
    item = models.ForeignKey(
        ProgrammeItem, verbose_name=_("programme item"), on_delete=models.CASCADE, related_name="speakers"
    )
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(pgettext_lazy("job title", "title"), max_length=300, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name


class Registration(models.Model):
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations"
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"), max_length=254)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="fi")
    consented_at = models.DateTimeField(_("consent given"))
    status = models.CharField(
        _("status"), max_length=12, choices=RegistrationStatus.choices, default=RegistrationStatus.REGISTERED
    )
    token = models.CharField(
        _("private link token"), max_length=64, unique=True, default=new_token, editable=False
    )
    created_at = models.DateTimeField(_("registered"), default=timezone.now, db_index=True)
    promoted_at = models.DateTimeField(_("moved up from the waiting list"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    attended = models.BooleanField(_("attended"), default=False)
    day_reminder_sent_at = models.DateTimeField(_("day reminder sent"), null=True, blank=True)
    hour_reminder_sent_at = models.DateTimeField(_("hour reminder sent"), null=True, blank=True)
    feedback_requested_at = models.DateTimeField(_("feedback survey sent"), null=True, blank=True)
    # Set in the transaction that puts the confirmation (or the waiting-list notice) in the outbox, after
    # the registration committed: it makes the hand-over idempotent and shows the sweep what is missing.
    confirmation_queued_at = models.DateTimeField(_("confirmation queued"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "event",
                condition=~Q(status=RegistrationStatus.CANCELLED),
                name="registration_one_active_per_email",
                violation_error_message=_("This email address is already registered for the event."),
            ),
        ]
        indexes = [models.Index(fields=["event", "status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"

    def get_absolute_url(self) -> str:
        return reverse("events:registration", kwargs={"token": self.token})


class FeedbackQuestion(QuestionBase):
    """A survey question. Questions without an event are the default set, used by events without their own."""

    event = models.ForeignKey(
        Event,
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="feedback_questions",
        help_text=_("Empty: the question belongs to the default set."),
    )

    class Meta(QuestionBase.Meta):
        verbose_name = _("feedback question")
        verbose_name_plural = _("feedback questions")


class FeedbackResponse(models.Model):
    registration = models.OneToOneField(
        Registration, verbose_name=_("registration"), on_delete=models.CASCADE, related_name="feedback"
    )
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="feedback_responses"
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)

    class Meta:
        verbose_name = _("feedback response")
        verbose_name_plural = _("feedback responses")
        ordering = ["-submitted_at", "-id"]

    def __str__(self) -> str:
        return f"{self.event} – {self.submitted_at:%Y-%m-%d}"


class FeedbackAnswer(AnswerBase):
    response = models.ForeignKey(
        FeedbackResponse, verbose_name=_("response"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        FeedbackQuestion, verbose_name=_("question"), on_delete=models.PROTECT, related_name="answers"
    )

    class Meta:
        verbose_name = _("feedback answer")
        verbose_name_plural = _("feedback answers")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="feedback_answer_once_per_question"
            ),
            score_range_constraint("feedback_answer_score_range"),
        ]

    def __str__(self) -> str:
        return str(self.score) if self.score is not None else self.text[:50]
