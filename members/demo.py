"""A few hundred realistic member organisations with valid business IDs."""

import itertools

from django.utils import timezone

from members.enums import MembershipStatus, OrganisationType
from members.models import ContactPerson, Organisation, WelfareRegion
from members.validators import business_id_check_digit

COMPANY_STEMS = [
    "Aalto",
    "Kide",
    "Lumo",
    "Revontuli",
    "Saimaa",
    "Tieto",
    "Hoiva",
    "Terva",
    "Kuulas",
    "Virta",
    "Havu",
    "Kajo",
    "Louhi",
    "Aurora",
    "Mieli",
    "Sointu",
    "Tähti",
    "Ilmari",
    "Kaste",
    "Pohjola",
    "Sisu",
    "Vire",
]
COMPANY_SUFFIXES = [
    "Health Oy",
    "Analytics Oy",
    "Data Oy",
    "AI Oy",
    "Solutions Oy",
    "Digital Oy",
    "Care Tech Oy",
    "Medical Oy",
    "Software Oy",
    "Insight Oy",
]
ASSOCIATIONS = [
    "Suomen Sairaanhoitajaliitto ry",
    "Talentia ry",
    "Tehy ry",
    "Lääkäriliitto ry",
    "SOSTE ry",
    "Terveysteknologia ry",
    "Suomen Kuntaliitto ry",
    "Sosiaalialan korkeakoulutettujen ammattijärjestö ry",
]
RESEARCH = [
    "Helsingin yliopisto",
    "Tampereen yliopisto",
    "Turun yliopisto",
    "Oulun yliopisto",
    "Itä-Suomen yliopisto",
    "Aalto-yliopisto",
    "Jyväskylän yliopisto",
    "Lapin yliopisto",
    "Metropolia Ammattikorkeakoulu",
    "Laurea-ammattikorkeakoulu",
    "VTT",
    "Turun ammattikorkeakoulu",
    "Savonia-ammattikorkeakoulu",
]
MUNICIPALITIES = [
    ("Espoon kaupunki", "Espoo"),
    ("Vantaan kaupunki", "Vantaa"),
    ("Tampereen kaupunki", "Tampere"),
    ("Oulun kaupunki", "Oulu"),
    ("Turun kaupunki", "Turku"),
    ("Jyväskylän kaupunki", "Jyväskylä"),
    ("Kuopion kaupunki", "Kuopio"),
    ("Lahden kaupunki", "Lahti"),
    ("Porin kaupunki", "Pori"),
    ("Joensuun kaupunki", "Joensuu"),
    ("Lappeenrannan kaupunki", "Lappeenranta"),
    ("Vaasan kaupunki", "Vaasa"),
    ("Seinäjoen kaupunki", "Seinäjoki"),
    ("Rovaniemen kaupunki", "Rovaniemi"),
    ("Porvoon kaupunki", "Porvoo"),
]
AGENCIES = ["Kela", "Valvira", "Fimea", "Digi- ja väestötietovirasto", "Työterveyslaitos", "Traficom"]


def demo_business_id(index: int) -> str:
    """A valid, deterministic business ID: the same demo organisation gets the same ID every run."""
    for n in itertools.count(3_000_000 + index * 37):
        digits = f"{n % 10_000_000:07d}"
        check = business_id_check_digit(digits)
        if check is not None:
            return f"{digits}-{check}"
    raise AssertionError("unreachable")


def demo_organisations():
    for stem, suffix in itertools.product(COMPANY_STEMS, COMPANY_SUFFIXES):
        yield f"{stem} {suffix}", OrganisationType.COMPANY, ""
    for name in ASSOCIATIONS:
        yield name, OrganisationType.ASSOCIATION, ""
    for name in RESEARCH:
        yield name, OrganisationType.RESEARCH, ""
    for name, municipality in MUNICIPALITIES:
        yield name, OrganisationType.MUNICIPALITY, municipality
    for name in AGENCIES:
        yield name, OrganisationType.STATE_AGENCY, ""


def seed(*, stdout) -> None:
    regions = list(WelfareRegion.objects.order_by("order"))
    now = timezone.now()
    created = 0
    for index, (name, org_type, municipality) in enumerate(demo_organisations()):
        # Every twentieth applicant is still waiting for a coordinator's decision.
        status = MembershipStatus.PENDING if index % 20 == 7 else MembershipStatus.MEMBER
        _, was_created = Organisation.objects.get_or_create(
            business_id=demo_business_id(index),
            defaults={
                "name": name,
                "name_fi": name,
                "type": org_type,
                "municipality": municipality,
                "region": regions[index % len(regions)] if regions else None,
                "status": status,
                "listed_publicly": index % 9 != 4,
                "applied_at": now,
                "member_since": now if status == MembershipStatus.MEMBER else None,
                "website": "",
            },
        )
        created += was_created
    stdout.write(f"  organisations: {created} created, {Organisation.objects.count()} in all")
    seed_contact_persons(stdout=stdout)


# (email, first name, last name, title, language, index of the demo organisation)
DEMO_CONTACTS = [
    ("yhteyshenkilo@example.fi", "Sanna", "Yhteyshenkilö", "Tekoälyjohtaja", "fi", 0),
    ("kontaktperson@example.fi", "Johan", "Kontaktsson", "Utvecklingschef", "sv", 1),
    ("contact@example.fi", "Emma", "Contact", "Chief Data Officer", "en", 2),
    ("tutkija@example.fi", "Pekka", "Tutkija", "Professori", "fi", 230),
    ("hakija@example.fi", "Liisa", "Hakija", "Toimitusjohtaja", "fi", 7),
]


def seed_contact_person(
    *, organisation: Organisation, email: str, first_name: str, last_name: str, title: str, language: str
) -> bool:
    """A contact person who can sign in with the demo password; True when the contact person is new.

    Other apps' demos seed their contact persons here too, so every demo account is made the same way.
    """
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    from core.demo import DEMO_PASSWORD

    user, user_created = get_user_model().objects.get_or_create(
        email=email, defaults={"first_name": first_name, "last_name": last_name, "language": language}
    )
    if user_created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
    _, created = ContactPerson.objects.get_or_create(
        organisation=organisation,
        user=user,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "title": title,
            "email": email,
            "language": language,
            "is_primary": not organisation.contact_persons.filter(is_primary=True).exists(),
        },
    )
    return created


def seed_contact_persons(*, stdout) -> None:
    """Contact persons (who can sign in with the demo password) for a few demo organisations."""
    from core.demo import DEMO_PASSWORD

    created = 0
    for email, first, last, title, language, index in DEMO_CONTACTS:
        organisation = Organisation.objects.filter(business_id=demo_business_id(index)).first()
        if organisation is None:
            continue
        created += seed_contact_person(
            organisation=organisation,
            email=email,
            first_name=first,
            last_name=last,
            title=title,
            language=language,
        )
    emails = ", ".join(e for e, *_ in DEMO_CONTACTS)
    stdout.write(f"  contact persons: {created} created ({emails}, password {DEMO_PASSWORD})")
