"""Staff groups and a helper for migrations that give them the permissions of new models."""

from django.contrib.auth.management import create_permissions

COORDINATORS = "Coordinators"
STEERING_GROUP = "Steering group"
DECISION_MAKERS = "Decision makers"


def grant_permissions(
    apps, *, group: str, app_label: str, prefixes: tuple[str, ...] = ("add", "change", "delete", "view")
):
    """Give ``group`` the permissions of ``app_label``'s models (call from a data migration).

    Permissions are normally created only after all migrations have run, so create them first.
    """
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    target, _ = Group.objects.get_or_create(name=group)
    codename_regex = r"^(" + "|".join(prefixes) + r")_"
    target.permissions.add(
        *Permission.objects.filter(content_type__app_label=app_label, codename__regex=codename_regex)
    )
