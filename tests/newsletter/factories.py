import factory
from django.utils import timezone

from newsletter.enums import CampaignState, ConsentMethod, SubscribeForm, SubscriberStatus
from newsletter.models import Campaign, Subscriber


class SubscriberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subscriber

    email = factory.Sequence(lambda n: f"tilaaja{n}@example.fi")
    language = "fi"
    status = SubscriberStatus.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)
    consent_at = factory.LazyFunction(timezone.now)
    consent_form = SubscribeForm.PAGE
    consent_language = "fi"
    consent_method = ConsentMethod.DOUBLE_OPT_IN


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    subject = factory.Sequence(lambda n: f"Uutiskirje {n}")
    subject_fi = factory.SelfAttribute("subject")
    body = "## Ajankohtaista\n\nTekoälyn **käyttötapauksia** ja [lisätietoa](https://example.fi/lisaa)."
    body_fi = factory.SelfAttribute("body")
    state = CampaignState.DRAFT
