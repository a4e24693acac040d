import datetime
from decimal import Decimal

from django.db import migrations

from core.groups import COORDINATORS, DECISION_MAKERS, grant_permissions

TARGETS_2026 = [
    ("members", Decimal("300"), "300 member organisations"),
    ("subscribers", Decimal("1500"), "1,500 newsletter subscribers by the end of 2026"),
    ("ai_morning_attendance", Decimal("250"), "AI mornings: average attendance 250+"),
    ("satisfaction", Decimal("4"), "Member survey at the end of 2026: average at least 4 on 1–5"),
]


def seed(apps, schema_editor):
    Target = apps.get_model("kpi", "Target")
    for measure, value, note in TARGETS_2026:
        Target.objects.get_or_create(
            measure=measure,
            valid_from=datetime.date(2026, 1, 1),
            defaults={"value": value, "valid_to": datetime.date(2026, 12, 31), "note": note},
        )
    grant_permissions(apps, group=COORDINATORS, app_label="kpi", prefixes=("add", "change", "delete", "view"))
    grant_permissions(apps, group=DECISION_MAKERS, app_label="kpi", prefixes=("view",))


class Migration(migrations.Migration):
    dependencies = [
        ("kpi", "0001_initial"),
        ("core", "0003_staff_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
