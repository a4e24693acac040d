"""Demo events: a year of AI mornings with realistic attendance, and the open info session of 20.9.2024."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from events.enums import EventFormat, EventType, RegistrationStatus
from events.models import Event, ProgrammeItem, Registration, Speaker

HELSINKI = ZoneInfo("Europe/Helsinki")
AI_MORNINGS = 26  # every other Wednesday for a year
REGISTRATIONS_PAST = (15, 30)
REGISTRATIONS_UPCOMING = (3, 12)

TOPICS = [
    # fi, sv, en
    ("Tekoäly kirjaamisen tukena", "AI som stöd för dokumentationen", "AI supporting clinical documentation"),
    (
        "Puheentunnistus vastaanotolla",
        "Taligenkänning på mottagningen",
        "Speech recognition at the appointment",
    ),
    (
        "Oirearviot ja palveluohjaus",
        "Symtombedömning och servicehandledning",
        "Symptom checkers and service guidance",
    ),
    (
        "EU:n tekoälysäädös sotessa",
        "EU:s AI-förordning inom social- och hälsovården",
        "The EU AI Act in health and social care",
    ),
    (
        "Tekoälyhankinnat hyvinvointialueilla",
        "AI-upphandlingar i välfärdsområdena",
        "Procuring AI in the welfare regions",
    ),
    (
        "Kielimallit ammattilaisen apuna",
        "Språkmodeller som stöd för yrkesutbildade",
        "Language models helping professionals",
    ),
    ("Palvelutarpeen ennustaminen", "Prognoser av servicebehov", "Predicting the need for services"),
    ("Tietosuoja ja toisiokäyttö", "Dataskydd och sekundäranvändning", "Data protection and secondary use"),
    ("Kuvantamisen tekoälyratkaisut", "AI-lösningar för bilddiagnostik", "AI in medical imaging"),
    ("Reaaliaikainen tulkkaus", "Tolkning i realtid", "Real-time interpreting"),
    ("Tekoälyn vaikuttavuuden arviointi", "Utvärdering av AI:ns effekter", "Evaluating the impact of AI"),
    ("Hoitajakuiskaaja käytännössä", "Sjukskötarviskaren i praktiken", "The nurse whisperer in practice"),
    ("Sosiaalihuollon tekoälykokeilut", "AI-försök inom socialvården", "AI pilots in social welfare"),
]

FIRST_NAMES = [
    "Aino",
    "Eero",
    "Helmi",
    "Juha",
    "Kaisa",
    "Lauri",
    "Minna",
    "Niko",
    "Outi",
    "Pekka",
    "Sanna",
    "Timo",
]
LAST_NAMES = [
    "Virtanen",
    "Korhonen",
    "Mäkinen",
    "Nieminen",
    "Mäkelä",
    "Hämäläinen",
    "Laine",
    "Heikkinen",
    "Koskinen",
]
ORGANISATIONS = [
    "Pirkanmaan hyvinvointialue",
    "HUS-yhtymä",
    "Varsinais-Suomen hyvinvointialue",
    "THL",
    "DigiFinland Oy",
    "Helsingin kaupunki",
    "Testiyritys Oy",
]

INFO_SESSION_SLUG = "avoin-info-2024-09-20"
# start, end, title, description, speakers (name, title, organisation)
INFO_SESSION_PROGRAMME = [
    (
        "10.00",
        "10.05",
        "Tervetuloa!",
        "",
        [
            (
                "Jukka Lähesmaa",
                "ekosysteemin puheenjohtaja, erityisasiantuntija",
                "sosiaali- ja terveysministeriö",
            ),
            (
                "Jarmo Pulkkinen",
                "ekosysteemin koordinaattori, asiantuntija, väitöskirjatutkija",
                "DigiFinland Oy",
            ),
        ],
    ),
    (
        "10.05",
        "10.20",
        "Tekoälyn tilannekuva ja ekosysteemin esittely",
        "Ekosysteemin jäsenten ja verkkosivuston esittely",
        [],
    ),
    (
        "10.20",
        "10.45",
        "Tekoälyhankkeiden rahoitushaku hyvinvointialueille 16.9.–25.10.2024",
        "Kysymyksiä ja vastauksia",
        [],
    ),
    (
        "10.45",
        "11.05",
        "Yrityssektorin sote-tekoälyratkaisuja Suomessa",
        "",
        [("Kirsi Talman", "terveysteknologian asiantuntija", "Sailab – MedTech Finland ry")],
    ),
    ("11.05", "11.25", "", "", [("Sandra Liede", "johtava lakiasiantuntija", "Teknologiateollisuus")]),
    ("11.25", "11.30", "Kiitos & palautekysely", "", []),
    ("11.30", None, "Tilaisuus päättyy", "", []),
]


def _at(day: date, hhmm: str) -> datetime:
    hour, minute = (int(x) for x in hhmm.split("."))
    return datetime.combine(day, time(hour, minute), tzinfo=HELSINKI)


def _clock(hhmm: str | None) -> time | None:
    if hhmm is None:
        return None
    hour, minute = (int(x) for x in hhmm.split("."))
    return time(hour, minute)


def _registrations(
    event: Event, count: int, rng: random.Random, *, past: bool, now: datetime
) -> list[Registration]:
    rows = []
    for n in range(count):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        row = Registration(
            event=event,
            name=f"{first} {last}",
            email=f"{first}.{last}.{n}@example.fi".lower().replace("ä", "a").replace("ö", "o"),
            organisation=rng.choice(ORGANISATIONS),
            language="fi",
            consented_at=event.starts_at - timedelta(days=rng.randint(1, 20)),
            created_at=event.starts_at - timedelta(days=rng.randint(1, 20), minutes=n),
            status=RegistrationStatus.REGISTERED,
            attended=past and rng.random() < 0.8,
            feedback_requested_at=event.ends_at if past else None,
        )
        # People register before the event and never later than now (future events are still open);
        # clamped after drawing, so the demo's random sequence (and its figures) stay as they were.
        row.created_at = min(row.created_at, now - timedelta(minutes=n))
        row.consented_at = min(row.consented_at, row.created_at)
        row.confirmation_queued_at = row.created_at
        rows.append(row)
    return rows


def seed_ai_mornings(*, rng: random.Random, now: datetime) -> int:
    today = timezone.localdate(now)
    first = today - timedelta(days=182)
    first += timedelta(days=(2 - first.weekday()) % 7)  # Wednesday
    created = 0
    registrations: list[Registration] = []
    for i in range(AI_MORNINGS):
        day = first + timedelta(days=14 * i)
        fi, sv, en = TOPICS[i % len(TOPICS)]
        starts, ends = _at(day, "8.30"), _at(day, "9.30")
        past = ends <= now
        event, was_created = Event.objects.get_or_create(
            slug=f"ai-aamu-{day:%Y-%m-%d}",
            defaults={
                "type": EventType.AI_MORNING,
                "format": EventFormat.ONLINE,
                "title_fi": f"AI-aamu: {fi}",
                "title_sv": f"AI-morgon: {sv}",
                "title_en": f"AI morning: {en}",
                "description_fi": (
                    "SOTE-tekoälyn ekosysteemin AI-aamu: lyhyt alustus ja keskustelu Teamsissa. "
                    "Tilaisuus on suomeksi ja maksuton."
                ),
                "description_sv": "En kort inledning och diskussion i Teams (på finska).",
                "description_en": "A short talk and discussion on Teams (in Finnish).",
                "starts_at": starts,
                "ends_at": ends,
                "language": "fi",
                "joining_url": f"https://teams.microsoft.com/l/meetup-join/demo-{day:%Y%m%d}",
                "reported_attendance": rng.randint(200, 300) if past else None,
                "materials_fi": (
                    f"- [Esitysmateriaali (PDF)](https://example.fi/ai-aamu/{day:%Y-%m-%d}.pdf)\n"
                    f"- [Tallenne](https://example.fi/ai-aamu/{day:%Y-%m-%d}/tallenne)"
                )
                if past
                else "",
            },
        )
        if was_created:
            created += 1
            low, high = REGISTRATIONS_PAST if past else REGISTRATIONS_UPCOMING
            registrations.extend(_registrations(event, rng.randint(low, high), rng, past=past, now=now))
    Registration.objects.bulk_create(registrations)
    return created


def seed_info_session() -> bool:
    day = date(2024, 9, 20)
    event, created = Event.objects.get_or_create(
        slug=INFO_SESSION_SLUG,
        defaults={
            "type": EventType.INFO_SESSION,
            "format": EventFormat.ONLINE,
            "title_fi": "SOTE-tekoälyn ekosysteemin avoin info 20.9.2024",
            "title_sv": "Öppet infotillfälle om ekosystemet för AI inom social- och hälsovården 20.9.2024",
            "title_en": "Open info session of the health and social care AI ecosystem, 20 Sept 2024",
            "description_fi": (
                "Avoin info ekosysteemistä, tekoälyn tilannekuvasta ja hyvinvointialueiden "
                "tekoälyhankkeiden rahoitushausta (16.9.–25.10.2024)."
            ),
            "description_sv": "Om ekosystemet, lägesbilden och finansieringsansökan för AI-projekt.",
            "description_en": "On the ecosystem, the AI situation picture and the funding call.",
            "starts_at": _at(day, "10.00"),
            "ends_at": _at(day, "11.30"),
            "language": "fi",
            "materials_fi": "- [Esitysmateriaali](https://digifinland.fi/sote-tekoalyn-ekosysteemi/)",
        },
    )
    if created:
        for order, (start, end, title, description, speakers) in enumerate(INFO_SESSION_PROGRAMME):
            item = ProgrammeItem.objects.create(
                event=event,
                starts_at=_clock(start),
                ends_at=_clock(end),
                title_fi=title,
                description_fi=description,
                order=order,
            )
            Speaker.objects.bulk_create(
                Speaker(item=item, name=name, title_fi=job, organisation=org, order=n)
                for n, (name, job, org) in enumerate(speakers)
            )
    return created


def seed(*, stdout) -> None:
    rng = random.Random(20240920)
    now = timezone.now()
    mornings = seed_ai_mornings(rng=rng, now=now)
    info = seed_info_session()
    stdout.write(
        f"  AI mornings: {mornings} new; info session 20.9.2024: {'new' if info else 'already there'}"
    )
