"""Coordinators configure the calls and see the applications: give them the funding app's permissions."""

from django.db import migrations

from core.groups import grant_permissions


def forwards(apps, schema_editor):
    grant_permissions(apps, group="Coordinators", app_label="funding")


class Migration(migrations.Migration):
    dependencies = [
        ("funding", "0001_initial"),
        ("core", "0003_staff_groups"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
