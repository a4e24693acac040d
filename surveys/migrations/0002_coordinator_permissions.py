from django.db import migrations

from core.groups import COORDINATORS, grant_permissions


def roles(apps, schema_editor):
    grant_permissions(apps, group=COORDINATORS, app_label="surveys")


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0001_initial"),
        ("core", "0003_staff_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(roles, migrations.RunPython.noop)]
