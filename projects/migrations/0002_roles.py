from django.db import migrations

from core.groups import COORDINATORS, DECISION_MAKERS, grant_permissions


def roles(apps, schema_editor):
    # Coordinators run the projects; decision-makers (the ministry) read them, including the
    # ministry's views (``view_ministry_views`` starts with "view").
    grant_permissions(apps, group=COORDINATORS, app_label="projects")
    grant_permissions(apps, group=DECISION_MAKERS, app_label="projects", prefixes=("view",))


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0001_initial"),
        ("core", "0003_staff_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(roles, migrations.RunPython.noop)]
