"""Demo content: coordination group people (fictional), working group members, AI implementations, notices.

The people are invented: generic Finnish names with example.fi addresses, so nobody mistakes them for
the network's real staff.
"""

from __future__ import annotations

import itertools
from datetime import timedelta

from django.utils import timezone

from members.enums import MembershipStatus, OrganisationType
from members.models import CoordinationGroupSeat, Organisation, WelfareRegion
from network.enums import ImplementationStatus, PersonRole, Stage, UseCase
from network.models import Implementation, Notice, Person, WorkingGroup

# (name, role, title fi, title sv, title en) per seat, in seat order
PEOPLE = [
    [
        ("Anna Virtanen", PersonRole.CHAIR, "Erityisasiantuntija", "Specialsakkunnig", "Ministerial Adviser"),
        (
            "Mikko Korhonen",
            PersonRole.MEMBER,
            "Neuvotteleva virkamies",
            "Konsultativ tjänsteman",
            "Senior Officer",
        ),
    ],
    [
        ("Laura Mäkinen", PersonRole.MEMBER, "Kehittämispäällikkö", "Utvecklingschef", "Development Manager"),
        ("Juha Nieminen", PersonRole.DEPUTY_MEMBER, "Erikoistutkija", "Specialforskare", "Senior Researcher"),
    ],
    [
        ("Sari Mäkelä", PersonRole.MEMBER, "Tekoälyjohtaja", "AI-direktör", "Director of AI"),
    ],
    [
        (
            "Timo Hämäläinen",
            PersonRole.MEMBER,
            "Kehitysjohtaja",
            "Utvecklingsdirektör",
            "Development Director",
        ),
    ],
    [
        (
            "Riikka Laine",
            PersonRole.MEMBER,
            "Johtava asiantuntija",
            "Ledande sakkunnig",
            "Leading Specialist",
        ),
    ],
    [
        (
            "Kaisa Heikkinen",
            PersonRole.COORDINATOR,
            "Ekosysteemin koordinaattori",
            "Ekosystemets koordinator",
            "Ecosystem Coordinator",
        ),
        ("Pekka Koskinen", PersonRole.SECRETARY, "Asiantuntija", "Sakkunnig", "Specialist"),
    ],
]

# slug: (contact name, contact title fi, sv, en)
GROUP_CONTACTS = {
    "risk-management": ("Minna Järvinen", "Johtava asiantuntija", "Ledande sakkunnig", "Leading Specialist"),
    "welfare-regions-ai-network": (
        "Jari Lehtonen",
        "Digijohtaja",
        "Digitaliseringsdirektör",
        "Chief Digital Officer",
    ),
    "mdr": ("Hanna Lehtinen", "Regulaatioasiantuntija", "Regleringssakkunnig", "Regulatory Specialist"),
    "documentation": ("Antti Saarinen", "Ylilääkäri", "Överläkare", "Chief Physician"),
    "professional-competence": ("Elina Salminen", "Koulutuspäällikkö", "Utbildningschef", "Head of Training"),
}

# (use case, title fi, title sv, title en, description fi)
TOPICS = [
    (
        UseCase.NURSE_WHISPERER,
        "Puheesta rakenteiseksi kirjaukseksi vastaanotolla",
        "Från tal till strukturerad journalanteckning på mottagningen",
        "From speech to structured notes at the appointment",
        "Tekoäly kuuntelee vastaanottokeskustelun luvalla ja ehdottaa rakenteisen kirjauksen ammattilaisen "
        "tarkistettavaksi.",
    ),
    (
        UseCase.NURSE_WHISPERER,
        "Kotihoidon hoitajakuiskaaja",
        "Hemvårdens vårdviskare",
        "Home care nurse whisperer",
        "Kotihoidon hoitaja saa käynnillä tiiviin koosteen asiakkaan tiedoista ja hoitosuosituksista.",
    ),
    (
        UseCase.SYMPTOM_ASSESSMENT,
        "Oirearvio ja ohjaus ajanvaraukseen",
        "Symtombedömning och hänvisning till tidsbokning",
        "Symptom assessment with guidance to booking",
        "Asiakas kuvaa oireensa verkossa; palvelu arvioi kiireellisyyden ja ohjaa oikeaan palveluun.",
    ),
    (
        UseCase.SYMPTOM_ASSESSMENT,
        "Sosiaalipalvelujen neuvontabotti",
        "Rådgivningsbot för socialtjänster",
        "Social services advice bot",
        "Chat-palvelu vastaa sosiaalipalvelujen yleisiin kysymyksiin ja ohjaa tarvittaessa ammattilaiselle.",
    ),
    (
        UseCase.DECISION_SUPPORT,
        "Kuvantamisen tekoälyavusteinen löydösten priorisointi",
        "AI-stödd prioritering av fynd inom bilddiagnostik",
        "AI-assisted prioritisation of imaging findings",
        "Tekoäly nostaa kiireelliset löydökset radiologin työjonon kärkeen.",
    ),
    (
        UseCase.DECISION_SUPPORT,
        "Sepsisriskin varhainen tunnistus",
        "Tidig identifiering av sepsisrisk",
        "Early detection of sepsis risk",
        "Malli seuraa vitaalielintoiminnoista ja laboratorioarvoista sepsiksen varhaisia merkkejä.",
    ),
    (
        UseCase.SERVICE_NEED_PREDICTION,
        "Kaatumisriskin ennustaminen kotihoidossa",
        "Prognos av fallrisk inom hemvården",
        "Predicting fall risk in home care",
        "Ennustemalli tunnistaa asiakkaat, joille kaatumisia ehkäisevä interventio kannattaa kohdentaa.",
    ),
    (
        UseCase.SERVICE_NEED_PREDICTION,
        "Lastensuojelun tarpeen ennakointi",
        "Förutse behovet av barnskydd",
        "Anticipating the need for child welfare",
        "Kokeilussa arvioidaan, voiko perhepalvelujen tarpeen tunnistaa aiemmin ja tarjota tukea varhain.",
    ),
    (
        UseCase.ADMINISTRATIVE_BURDEN,
        "Lausuntojen luonnostelu tekoälyllä",
        "AI-stödd utkast till utlåtanden",
        "Drafting statements with AI",
        "Tekoäly luonnostelee B-lausunnon potilaskertomuksen pohjalta lääkärin viimeisteltäväksi.",
    ),
    (
        UseCase.ADMINISTRATIVE_BURDEN,
        "Työvuorosuunnittelun optimointi",
        "Optimering av arbetsskiftsplanering",
        "Optimising shift planning",
        "Optimointi ehdottaa työvuorolistoja, jotka huomioivat toiveet, osaamisen ja työaikasäännöt.",
    ),
    (
        UseCase.INTERPRETATION,
        "Reaaliaikainen tulkkaus päivystyksessä",
        "Tolkning i realtid på jouren",
        "Real-time interpretation in emergency care",
        "Puheentunnistus ja konekäännös tukevat asiointia, kun yhteistä kieltä ei ole "
        "eikä tulkkia saada heti.",
    ),
    (
        UseCase.OTHER,
        "Tekoälyn vaatimustenmukaisuuden arviointimalli",
        "Modell för bedömning av AI:s överensstämmelse",
        "A model for assessing AI compliance",
        "Hyvinvointialue kokoaa tarkistuslistan tekoälyratkaisujen hankintaan ja käyttöönottoon.",
    ),
]

# (title fi, sv, en, body fi, days ago published, days until expiry or None)
NOTICES = [
    (
        "AI-aamu: tekoälyavusteinen kirjaaminen",
        "AI-morgon: AI-stödd dokumentation",
        "AI morning: AI-assisted documentation",
        "Seuraava AI-aamu pidetään verkossa keskiviikkona klo 8.30–9.30. "
        "Aiheena on tekoälyavusteinen kirjaaminen.",
        1,
        14,
    ),
    (
        "Kirjaamisen työryhmä hakee uusia jäseniä",
        "Arbetsgruppen för dokumentation söker nya medlemmar",
        "The documentation working group is looking for members",
        "Hyvinvointialueiden asiantuntijat voivat ilmoittautua mukaan työryhmään koordinaattorille.",
        3,
        30,
    ),
    (
        "Tilannekuvaan toivotaan päivityksiä",
        "Vi önskar uppdateringar till lägesbilden",
        "Please update the situational picture",
        "Jäsenorganisaatioiden yhteyshenkilöt voivat nyt päivittää omat tekoälytoteutuksensa portaalissa.",
        6,
        None,
    ),
    (
        "Tukiklinikka auttaa MDR-kysymyksissä",
        "Stödkliniken hjälper med MDR-frågor",
        "The support clinic helps with MDR questions",
        "MDR-työryhmän tukiklinikka neuvoo lääkinnällisten laitteiden sääntelyssä. "
        "Varaa aika koordinaattorilta.",
        10,
        60,
    ),
    (
        "Riskienhallinnan raportti julkaistu",
        "Rapport om riskhantering publicerad",
        "Risk management report published",
        "Riskienhallintaryhmän raportti kokeiluprojektien riskienhallinnasta on luettavissa.",
        20,
        None,
    ),
    (
        "Jäsenkysely vuoden lopussa",
        "Medlemsenkät i slutet av året",
        "Member survey at the end of the year",
        "Kysymme jäseniltä tyytyväisyyttä ekosysteemin toimintaan verkkokyselyllä vuoden 2026 lopulla.",
        25,
        200,
    ),
    (
        "Uutiskirjeen tilaajia jo yli 1 380",
        "Redan över 1 380 prenumeranter på nyhetsbrevet",
        "Over 1,380 newsletter subscribers",
        "Kiitos kaikille tilaajille! Tavoitteena on 1 500 tilaajaa vuoden 2026 loppuun mennessä.",
        40,
        5,
    ),
    # Expired and scheduled notices show that the board hides them.
    (
        "Vanhentunut ilmoitus",
        "Utgånget meddelande",
        "Expired notice",
        "Tämä ilmoitus on jo vanhentunut.",
        90,
        -30,
    ),
    (
        "Tuleva ilmoitus",
        "Kommande meddelande",
        "Upcoming notice",
        "Tämä ilmoitus julkaistaan myöhemmin.",
        -5,
        None,
    ),
]

RESULTS = "Ensimmäiset tulokset: ammattilaisten aikaa vapautui ja asiakaspalaute oli myönteistä."
STAGES = [Stage.IDEA, Stage.PILOT, Stage.PILOT, Stage.PRODUCTION, Stage.PRODUCTION, Stage.SCALED]


def _seed_people(stdout) -> None:
    seats = list(CoordinationGroupSeat.objects.select_related("organisation").order_by("order", "id"))
    created = 0
    for seat, people in zip(seats, PEOPLE, strict=False):
        for order, (name, role, fi, sv, en) in enumerate(people, start=1):
            email = name.lower().replace(" ", ".").replace("ä", "a").replace("ö", "o") + "@example.fi"
            _, was_created = Person.objects.get_or_create(
                email=email,
                defaults={
                    "name": name,
                    "organisation": seat.organisation,
                    "role": role,
                    "title_fi": fi,
                    "title_sv": sv,
                    "title_en": en,
                    "phone": f"050 123 45{order:02d}",
                    "order": order,
                },
            )
            created += was_created
    stdout.write(f"  coordination group people: {created} created")


def _seed_working_groups(members: list[Organisation]) -> None:
    for index, group in enumerate(WorkingGroup.objects.order_by("order")):
        contact = GROUP_CONTACTS.get(group.slug)
        if contact and not group.contact_name:
            name, fi, sv, en = contact
            group.contact_name = name
            group.contact_title_fi, group.contact_title_sv, group.contact_title_en = fi, sv, en
            group.contact_email = (
                name.lower().replace(" ", ".").replace("ä", "a").replace("ö", "o") + "@example.fi"
            )
            group.save()
        if not group.members.exists():
            group.members.set(members[index * 3 : index * 3 + 8])


def seed(*, stdout) -> None:
    _seed_people(stdout)
    regions_orgs = list(
        Organisation.objects.filter(type=OrganisationType.WELFARE_REGION, region__isnull=False)
        .select_related("region")
        .order_by("region__order")
    )
    others = list(
        Organisation.objects.filter(status=MembershipStatus.MEMBER)
        .exclude(type=OrganisationType.WELFARE_REGION)
        .order_by("name")[:40]
    )
    _seed_working_groups(regions_orgs[:10] + others[:10])

    if Implementation.objects.exists():
        stdout.write(f"  AI implementations: already {Implementation.objects.count()}")
    else:
        now = timezone.now()
        topics = itertools.cycle(TOPICS)
        owners = regions_orgs + others[:6]
        for index in range(42):
            use_case, fi, sv, en, description = next(topics)
            owner = owners[(index * 7) % len(owners)]
            region: WelfareRegion | None = (
                owner.region if owner.type == OrganisationType.WELFARE_REGION else None
            )
            # Most are published; a few wait for review or are still drafts.
            status = (
                ImplementationStatus.DRAFT
                if index % 13 == 5
                else ImplementationStatus.SUBMITTED
                if index % 11 == 3
                else ImplementationStatus.PUBLISHED
            )
            start = 2023 + index % 3
            implementation = Implementation.objects.create(
                title_fi=fi,
                title_sv=sv if index % 3 else "",
                title_en=en if index % 2 == 0 else "",
                owner=owner,
                region=region,
                use_case=use_case,
                stage=STAGES[index % len(STAGES)],
                description_fi=description,
                results_fi=RESULTS if index % 2 else "",
                contact_name="Yhteyshenkilö " + owner.name_fi.split()[0],
                contact_email=f"tekoaly{index}@example.fi",
                links="https://example.fi/hanke/" + str(index) if index % 4 == 0 else "",
                start_year=start,
                end_year=start + 2 if index % 3 else None,
                status=status,
                submitted_at=now - timedelta(days=index + 2)
                if status != ImplementationStatus.DRAFT
                else None,
                published_at=now - timedelta(days=index)
                if status == ImplementationStatus.PUBLISHED
                else None,
            )
            if others:
                implementation.organisations.set([others[index % len(others)]])
        stdout.write(f"  AI implementations: {Implementation.objects.count()} created")

    if Notice.objects.exists():
        stdout.write(f"  notices: already {Notice.objects.count()}")
        return
    now = timezone.now()
    for fi, sv, en, body, ago, expires_in in NOTICES:
        publish_at = now - timedelta(days=ago)
        Notice.objects.create(
            title_fi=fi,
            title_sv=sv,
            title_en=en,
            body_fi=body,
            summary_fi=body.split(". ")[0].rstrip(".") + ".",
            publish_at=publish_at,
            expires_at=now + timedelta(days=expires_in) if expires_in is not None else None,
        )
    stdout.write(f"  notices: {Notice.objects.count()} created")
