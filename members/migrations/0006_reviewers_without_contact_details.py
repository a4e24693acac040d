"""The steering group (the reviewers) no longer views contact persons: a review needs the
organisation and the application, not every contact person's name and email address."""

from django.db import migrations

from core.groups import STEERING_GROUP


def _permission(apps):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="members", codename="view_contactperson").first()


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permission = _permission(apps)
    group = Group.objects.filter(name=STEERING_GROUP).first()
    if permission is not None and group is not None:
        group.permissions.remove(permission)


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permission = _permission(apps)
    group = Group.objects.filter(name=STEERING_GROUP).first()
    if permission is not None and group is not None:
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [("members", "0005_contact_invitations")]

    operations = [migrations.RunPython(forwards, backwards)]
