"""Coordinators manage the network's content; the steering group may view it."""

from django.db import migrations

from core.groups import COORDINATORS, STEERING_GROUP, grant_permissions


def forwards(apps, schema_editor):
    grant_permissions(apps, group=COORDINATORS, app_label="network")
    grant_permissions(apps, group=STEERING_GROUP, app_label="network", prefixes=("view",))


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0002_working_groups"),
        ("core", "0003_staff_groups"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
