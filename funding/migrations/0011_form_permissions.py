"""Coordinators define the calls' application forms: the permissions of the sections, questions and
choices, and to see the answers."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from core.groups import COORDINATORS

FORM_MODELS = ["formsection", "formquestion", "formchoice"]


def forwards(apps, schema_editor):
    app_config = apps.get_app_config("funding")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=COORDINATORS)
    codenames = [f"{prefix}_{model}" for model in FORM_MODELS for prefix in ("add", "change", "delete", "view")]
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="funding", codename__in=[*codenames, "view_answer"])
    )


class Migration(migrations.Migration):
    dependencies = [("funding", "0010_application_answers_drop_columns"), ("core", "0003_staff_groups")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
