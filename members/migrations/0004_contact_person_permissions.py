"""Coordinators manage contact persons; the steering group may view them."""

from django.db import migrations

from core.groups import COORDINATORS, STEERING_GROUP, grant_permissions


def forwards(apps, schema_editor):
    grant_permissions(apps, group=COORDINATORS, app_label="members")
    grant_permissions(apps, group=STEERING_GROUP, app_label="members", prefixes=("view",))


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0003_contact_persons_and_logo"),
        ("core", "0003_staff_groups"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
