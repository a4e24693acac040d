"""Staff groups with their permissions.

Permissions are normally created after all migrations have run, so we create
them here first; later migrations add the permissions of later models.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

COORDINATORS = "Coordinators"
STEERING_GROUP = "Steering group"

COORDINATOR_APPS = {"core", "members", "network", "funding", "events", "newsletter", "outbox"}


def forwards(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    coordinators, _ = Group.objects.get_or_create(name=COORDINATORS)
    steering, _ = Group.objects.get_or_create(name=STEERING_GROUP)
    # The audit trail is evidence: nobody edits or deletes it, coordinators read it.
    coordinator_perms = Permission.objects.filter(content_type__app_label__in=COORDINATOR_APPS).exclude(
        content_type__model="auditentry", codename__regex=r"^(add|change|delete)_"
    )
    coordinators.permissions.add(*coordinator_perms)
    steering.permissions.add(
        *Permission.objects.filter(content_type__app_label="members", codename__startswith="view_")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_initial_pages"),
        ("members", "0002_regions_and_lead_organisations"),
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
