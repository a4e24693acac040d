"""Coordinators manage the newsletter; the default welcome mail in Finnish, Swedish and English."""

from django.db import migrations

from core.groups import grant_permissions

WELCOME = {
    "fi": (
        "Tervetuloa SOTE-tekoälyn ekosysteemin uutiskirjeen tilaajaksi",
        "Kiitos, että tilasit sosiaali- ja terveydenhuollon tekoälyn ekosysteemin uutiskirjeen!\n\n"
        "Uutiskirje kertoo ekosysteemin uutisista, tekoälyn käyttötapauksista ja lainsäädännön tulkinnoista. "
        "Jokaisen uutiskirjeen lopussa on linkki, josta voit vaihtaa kieltä tai perua tilauksen.",
    ),
    "sv": (
        "Välkommen som prenumerant på nyhetsbrevet från SOTE AI-ekosystemet",
        "Tack för att du prenumererar på nyhetsbrevet från ekosystemet för AI inom social- och hälsovården!\n\n"
        "Nyhetsbrevet berättar om nyheter från ekosystemet, användningsfall för AI och tolkningar av "
        "lagstiftningen. I slutet av varje nyhetsbrev finns en länk där du kan byta språk eller avsluta "
        "prenumerationen.",
    ),
    "en": (
        "Welcome to the newsletter of the SOTE AI ecosystem",
        "Thank you for subscribing to the newsletter of the national health and social care AI ecosystem!\n\n"
        "The newsletter brings news from the ecosystem, AI use cases and interpretations of legislation. "
        "Every newsletter ends with a link for changing the language or unsubscribing.",
    ),
}


def forwards(apps, schema_editor):
    grant_permissions(apps, group="Coordinators", app_label="newsletter")
    WelcomeMessage = apps.get_model("newsletter", "WelcomeMessage")
    if WelcomeMessage.objects.exists():
        return
    values = {}
    for code, (subject, body) in WELCOME.items():
        values[f"subject_{code}"] = subject
        values[f"body_{code}"] = body
    WelcomeMessage.objects.create(subject=WELCOME["fi"][0], body=WELCOME["fi"][1], active=True, **values)


class Migration(migrations.Migration):
    dependencies = [
        ("newsletter", "0001_initial"),
        ("core", "0003_staff_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
