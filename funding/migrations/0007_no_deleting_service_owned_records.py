"""No staff group may delete the records the services own (core.admin.ServiceOwnedRecord): the admin
refuses it whatever the permissions say, and the permissions say so too."""

from django.db import migrations

#: (app label, model) of the records withdrawn, cancelled or erased through their services.
SERVICE_OWNED = [
    ("funding", "application"),
    ("funding", "decision"),
    ("funding", "review"),
    ("funding", "reviewassignment"),
    ("members", "organisation"),
    ("events", "registration"),
    ("newsletter", "subscriber"),
    ("newsletter", "campaign"),
    ("newsletter", "delivery"),
    ("newsletter", "trackingevent"),
    ("projects", "project"),
    ("projects", "report"),
    ("outbox", "outgoingmail"),
    ("privacy", "retentionrun"),
    ("core", "auditentry"),
]


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for app_label, model in SERVICE_OWNED:
        permissions = Permission.objects.filter(
            content_type__app_label=app_label, codename=f"delete_{model}"
        )
        for group in Group.objects.filter(permissions__in=permissions).distinct():
            group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("funding", "0006_receipt_queued_and_decision_grounds"),
        ("members", "0004_contact_person_permissions"),
        ("events", "0002_coordinators_and_default_feedback"),
        ("newsletter", "0002_coordinators_and_welcome"),
        ("projects", "0002_roles"),
        ("outbox", "0002_coordinator_permissions"),
        ("privacy", "0002_coordinators_view_retention"),
    ]

    # Backwards nothing is given back: deleting these records in the admin was the fault.
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
