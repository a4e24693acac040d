"""Coordinators watch the outbox and retry or abort messages; nobody adds or deletes them by hand."""

from django.db import migrations

from core.groups import grant_permissions


def forwards(apps, schema_editor):
    grant_permissions(apps, group="Coordinators", app_label="outbox", prefixes=("view", "change"))


class Migration(migrations.Migration):
    dependencies = [("outbox", "0001_initial"), ("core", "0003_staff_groups")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
