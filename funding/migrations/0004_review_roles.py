from django.db import migrations

from core.groups import grant_permissions


def roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    grant_permissions(apps, group="Coordinators", app_label="funding")
    grant_permissions(apps, group="Decision makers", app_label="funding", prefixes=("view",))

    def give(group, *codenames):
        target, _ = Group.objects.get_or_create(name=group)
        target.permissions.add(
            *Permission.objects.filter(content_type__app_label="funding", codename__in=codenames)
        )

    give(
        "Steering group",
        "view_application",
        "review_application",
        "view_ranking",
        "view_review",
        "add_review",
        "change_review",
        "view_criterion",
        "view_fundingcall",
        "add_conflictofinterest",
        "view_conflictofinterest",
    )
    give("Decision makers", "view_ranking", "confirm_decision")
    give(
        "Coordinators",
        "check_eligibility",
        "assign_reviewers",
        "view_ranking",
        "record_decision",
        "send_decision_letters",
        "export_applications",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("funding", "0003_review"),
        ("core", "0003_staff_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(roles, migrations.RunPython.noop)]
