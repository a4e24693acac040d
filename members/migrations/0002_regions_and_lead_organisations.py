"""The 21 welfare regions, the other two eligible lead applicants and the coordination group.

These are facts of the Finnish system, not demo data, so every installation has them.
"""

from django.db import migrations

# (code, region fi, region sv, region en, organisation fi, organisation sv, organisation en)
REGIONS = [
    ("ita-uusimaa", "Itä-Uusimaa", "Östra Nyland", "Eastern Uusimaa", "Itä-Uudenmaan hyvinvointialue"),
    (
        "keski-uusimaa",
        "Keski-Uusimaa",
        "Mellersta Nyland",
        "Central Uusimaa",
        "Keski-Uudenmaan hyvinvointialue",
    ),
    ("lansi-uusimaa", "Länsi-Uusimaa", "Västra Nyland", "Western Uusimaa", "Länsi-Uudenmaan hyvinvointialue"),
    (
        "vantaa-kerava",
        "Vantaa ja Kerava",
        "Vanda och Kervo",
        "Vantaa and Kerava",
        "Vantaan ja Keravan hyvinvointialue",
    ),
    (
        "varsinais-suomi",
        "Varsinais-Suomi",
        "Egentliga Finland",
        "Southwest Finland",
        "Varsinais-Suomen hyvinvointialue",
    ),
    ("satakunta", "Satakunta", "Satakunta", "Satakunta", "Satakunnan hyvinvointialue"),
    ("kanta-hame", "Kanta-Häme", "Egentliga Tavastland", "Kanta-Häme", "Kanta-Hämeen hyvinvointialue"),
    ("pirkanmaa", "Pirkanmaa", "Birkaland", "Pirkanmaa", "Pirkanmaan hyvinvointialue"),
    ("paijat-hame", "Päijät-Häme", "Päijänne-Tavastland", "Päijät-Häme", "Päijät-Hämeen hyvinvointialue"),
    ("kymenlaakso", "Kymenlaakso", "Kymmenedalen", "Kymenlaakso", "Kymenlaakson hyvinvointialue"),
    ("etela-karjala", "Etelä-Karjala", "Södra Karelen", "South Karelia", "Etelä-Karjalan hyvinvointialue"),
    ("etela-savo", "Etelä-Savo", "Södra Savolax", "South Savo", "Etelä-Savon hyvinvointialue"),
    ("pohjois-savo", "Pohjois-Savo", "Norra Savolax", "North Savo", "Pohjois-Savon hyvinvointialue"),
    (
        "pohjois-karjala",
        "Pohjois-Karjala",
        "Norra Karelen",
        "North Karelia",
        "Pohjois-Karjalan hyvinvointialue",
    ),
    ("keski-suomi", "Keski-Suomi", "Mellersta Finland", "Central Finland", "Keski-Suomen hyvinvointialue"),
    (
        "etela-pohjanmaa",
        "Etelä-Pohjanmaa",
        "Södra Österbotten",
        "South Ostrobothnia",
        "Etelä-Pohjanmaan hyvinvointialue",
    ),
    ("pohjanmaa", "Pohjanmaa", "Österbotten", "Ostrobothnia", "Pohjanmaan hyvinvointialue"),
    (
        "keski-pohjanmaa",
        "Keski-Pohjanmaa",
        "Mellersta Österbotten",
        "Central Ostrobothnia",
        "Keski-Pohjanmaan hyvinvointialue",
    ),
    (
        "pohjois-pohjanmaa",
        "Pohjois-Pohjanmaa",
        "Norra Österbotten",
        "North Ostrobothnia",
        "Pohjois-Pohjanmaan hyvinvointialue",
    ),
    ("kainuu", "Kainuu", "Kajanaland", "Kainuu", "Kainuun hyvinvointialue"),
    ("lappi", "Lappi", "Lappland", "Lapland", "Lapin hyvinvointialue"),
]

# (fi, sv, en, type, website)
COORDINATION_GROUP = [
    (
        "Sosiaali- ja terveysministeriö",
        "Social- och hälsovårdsministeriet",
        "Ministry of Social Affairs and Health",
        "state_agency",
        "https://stm.fi/",
    ),
    (
        "Terveyden ja hyvinvoinnin laitos",
        "Institutet för hälsa och välfärd",
        "Finnish Institute for Health and Welfare",
        "research",
        "https://thl.fi/",
    ),
    ("HUS-yhtymä", "HUS-sammanslutningen", "HUS Group", "hospital", "https://www.hus.fi/"),
    ("UNA Oy", "UNA Oy", "UNA Oy", "company", "https://www.unaoy.fi/"),
    ("Sitra", "Sitra", "Sitra", "other", "https://www.sitra.fi/"),
    ("DigiFinland Oy", "DigiFinland Oy", "DigiFinland Oy", "company", "https://digifinland.fi/"),
]


def forwards(apps, schema_editor):
    WelfareRegion = apps.get_model("members", "WelfareRegion")
    Organisation = apps.get_model("members", "Organisation")
    Seat = apps.get_model("members", "CoordinationGroupSeat")
    for order, (code, fi, sv, en, org_fi) in enumerate(REGIONS, start=1):
        region, _ = WelfareRegion.objects.get_or_create(
            code=code, defaults={"name": fi, "name_fi": fi, "name_sv": sv, "name_en": en, "order": order}
        )
        org_sv = f"{sv} välfärdsområde"
        org_en = f"{en} Wellbeing Services County"
        Organisation.objects.get_or_create(
            name_fi=org_fi,
            defaults={
                "name": org_fi,
                "name_sv": org_sv,
                "name_en": org_en,
                "type": "welfare_region",
                "region": region,
                "status": "member",
                "listed_publicly": True,
            },
        )
    Organisation.objects.get_or_create(
        name_fi="Helsingin kaupunki",
        defaults={
            "name": "Helsingin kaupunki",
            "name_sv": "Helsingfors stad",
            "name_en": "City of Helsinki",
            "type": "municipality",
            "municipality": "Helsinki",
            "status": "member",
            "listed_publicly": True,
        },
    )
    for order, (fi, sv, en, org_type, website) in enumerate(COORDINATION_GROUP, start=1):
        org, _ = Organisation.objects.get_or_create(
            name_fi=fi,
            defaults={
                "name": fi,
                "name_sv": sv,
                "name_en": en,
                "type": org_type,
                "website": website,
                "status": "member",
                "listed_publicly": True,
            },
        )
        Seat.objects.get_or_create(organisation=org, defaults={"order": order})


class Migration(migrations.Migration):
    dependencies = [("members", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
