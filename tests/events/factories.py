from datetime import timedelta

import factory
from django.utils import timezone

from events.enums import EventFormat, EventType, RegistrationStatus
from events.models import Event, FeedbackQuestion, ProgrammeItem, Registration, Speaker


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    slug = factory.Sequence(lambda n: f"tapahtuma-{n}")
    type = EventType.AI_MORNING
    format = EventFormat.ONLINE
    title_fi = factory.Sequence(lambda n: f"AI-aamu {n}")
    title_en = factory.Sequence(lambda n: f"AI morning {n}")
    title_sv = factory.Sequence(lambda n: f"AI-morgon {n}")
    description_fi = "Lyhyt alustus ja keskustelu."
    starts_at = factory.LazyFunction(lambda: timezone.now().replace(microsecond=0) + timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=1))
    joining_url = "https://teams.example.com/join/secret-meeting-123"
    language = "fi"


class ProgrammeItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeItem

    event = factory.SubFactory(EventFactory)
    starts_at = factory.Sequence(lambda n: f"{8 + (n // 60) % 12:02d}:{n % 60:02d}")
    title_fi = factory.Sequence(lambda n: f"Ohjelmanumero {n}")


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    item = factory.SubFactory(ProgrammeItemFactory)
    name = factory.Sequence(lambda n: f"Puhuja {n}")
    title_fi = "asiantuntija"
    organisation = "DigiFinland Oy"


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Osallistuja {n}")
    email = factory.Sequence(lambda n: f"osallistuja{n}@example.fi")
    organisation = "Testiyritys Oy"
    language = "fi"
    consented_at = factory.LazyFunction(timezone.now)
    status = RegistrationStatus.REGISTERED
    created_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=3))
    # A registration made through the service long ago: its confirmation went out.
    confirmation_queued_at = factory.SelfAttribute("created_at")


class FeedbackQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeedbackQuestion

    text_fi = factory.Sequence(lambda n: f"Kysymys {n}")
    text = factory.SelfAttribute("text_fi")
