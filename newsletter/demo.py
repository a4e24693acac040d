"""Demo newsletter: about 1,400 subscribers in three languages over two years, and a few sent campaigns."""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from newsletter.enums import (
    CampaignState,
    ConsentMethod,
    DeliveryState,
    SubscribeForm,
    SubscriberStatus,
)
from newsletter.models import Campaign, Delivery, Subscriber

SUBSCRIBERS = 1400
DEMO_DOMAIN = "demo.example.fi"
#: Languages of the subscribers: mostly Finnish (the newsletter was Finnish-only until now).
LANGUAGE_WEIGHTS = (("fi", 82), ("sv", 10), ("en", 8))

CAMPAIGNS = [
    # days ago, fi subject, sv subject, en subject, fi body
    (
        150,
        "Uutiskirje 1/2026: rahoitetut pilotit käynnissä",
        "Nyhetsbrev 1/2026: de finansierade piloterna har inlett",
        "Newsletter 1/2026: the funded pilots are under way",
        "## Pilotit käynnissä\n\nSTM rahoitti 10 tekoälypilottia noin 2,3 miljoonalla eurolla. "
        "DigiFinland on sopinut ensimmäisten kahdeksan kanssa.\n\n"
        "## AI-aamut jatkuvat\n\nJoka toinen keskiviikko klo 8.30–9.30.",
    ),
    (
        90,
        "Uutiskirje 2/2026: tekoälysäädös ja sote",
        "Nyhetsbrev 2/2026: AI-förordningen och social- och hälsovården",
        "Newsletter 2/2026: the AI Act in health and social care",
        "## EU:n tekoälysäädös\n\nMitä säädös tarkoittaa hyvinvointialueiden hankinnoille? Tulkintoja ja "
        "**käytännön ohjeita**.\n\n- Riskienhallinnan työryhmä kokoontui\n- MDR-työryhmän kuulumiset",
    ),
    (
        30,
        "Uutiskirje 3/2026: hoitajakuiskaaja käytännössä",
        "Nyhetsbrev 3/2026: sjukskötarviskaren i praktiken",
        "Newsletter 3/2026: the nurse whisperer in practice",
        "## Hoitajakuiskaaja\n\nKokemuksia puheentunnistuksesta vastaanotolla. Lue lisää "
        "[ekosysteemin sivuilta](https://example.fi/).",
    ),
]


def seed(*, stdout) -> None:
    if Subscriber.objects.filter(email__endswith=f"@{DEMO_DOMAIN}").exists():
        stdout.write("  newsletter demo data already present")
        return
    rng = random.Random(2026)  # noqa: S311 - demo data
    now = timezone.now()
    codes = [code for code, _w in LANGUAGE_WEIGHTS]
    weights = [w for _c, w in LANGUAGE_WEIGHTS]
    subscribers = []
    for i in range(SUBSCRIBERS):
        joined = now - timedelta(days=rng.randint(1, 730), minutes=rng.randint(0, 1439))
        language = rng.choices(codes, weights)[0]
        imported = joined < now - timedelta(days=365)
        status = SubscriberStatus.CONFIRMED
        ended = None
        roll = rng.random()
        if roll < 0.03:
            status, ended = SubscriberStatus.UNSUBSCRIBED, joined + timedelta(days=rng.randint(1, 60))
        elif roll < 0.04:
            status, ended = SubscriberStatus.BOUNCED, joined + timedelta(days=rng.randint(1, 60))
        if ended and ended > now:
            ended = now
        subscribers.append(
            Subscriber(
                email="" if status == SubscriberStatus.UNSUBSCRIBED else f"tilaaja{i}@{DEMO_DOMAIN}",
                language=language,
                status=status,
                created_at=joined,
                confirmed_at=joined,
                ended_at=ended,
                consent_at=joined,
                consent_language=language,
                consent_method=ConsentMethod.IMPORT if imported else ConsentMethod.DOUBLE_OPT_IN,
                consent_form=SubscribeForm.IMPORT
                if imported
                else rng.choice([SubscribeForm.FOOTER, SubscribeForm.PAGE]),
                welcome_sent_at=None if imported else joined,
            )
        )
    # A few requests still waiting for confirmation.
    for i in range(12):
        subscribers.append(
            Subscriber(
                email=f"odottaa{i}@{DEMO_DOMAIN}",
                language="fi",
                status=SubscriberStatus.PENDING,
                created_at=now - timedelta(hours=i),
                consent_at=now - timedelta(hours=i),
                consent_language="fi",
                consent_method=ConsentMethod.DOUBLE_OPT_IN,
                consent_form=SubscribeForm.FOOTER,
                confirmation_sent_at=now - timedelta(hours=i),
            )
        )
    Subscriber.objects.bulk_create(subscribers, batch_size=1000)

    confirmed = list(
        Subscriber.objects.filter(email__endswith=f"@{DEMO_DOMAIN}", confirmed_at__isnull=False).values_list(
            "pk", "language", "confirmed_at", "ended_at"
        )
    )
    for days_ago, fi, sv, en, body in CAMPAIGNS:
        sent_at = now - timedelta(days=days_ago)
        campaign = Campaign.objects.create(
            subject=fi, subject_fi=fi, subject_sv=sv, subject_en=en,
            body=body, body_fi=body,
            body_sv="Nyheter från ekosystemet på svenska. " + body.split("\n\n", 1)[-1],
            body_en="News from the ecosystem in English. " + body.split("\n\n", 1)[-1],
            state=CampaignState.SENT, started_at=sent_at, finished_at=sent_at + timedelta(minutes=20),
            enqueue_done=True, heartbeat_at=sent_at,
        )  # fmt: skip
        deliveries = []
        for pk, language, confirmed_at, ended_at in confirmed:
            if confirmed_at > sent_at or (ended_at is not None and ended_at <= sent_at):
                continue
            failed = rng.random() < 0.004
            deliveries.append(
                Delivery(
                    campaign=campaign,
                    subscriber_id=pk,
                    language=language,
                    state=DeliveryState.FAILED if failed else DeliveryState.SENT,
                    reason="550 5.1.1 User unknown" if failed else "",
                    sent_at=None if failed else sent_at + timedelta(minutes=10),
                    created_at=sent_at,
                )  # fmt: skip
            )
        Delivery.objects.bulk_create(deliveries, batch_size=2000)
    stdout.write(f"  {len(subscribers)} newsletter subscribers, {len(CAMPAIGNS)} sent campaigns")
