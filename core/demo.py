"""Demo staff accounts, one per staff group (listed in the README for local use only)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

DEMO_PASSWORD = "demo-password-2026"  # noqa: S105 - seed_demo refuses to run with DEBUG off

DEMO_STAFF = [
    # email, first, last, group, superuser
    ("admin@example.fi", "Aino", "Ylläpitäjä", None, True),
    ("koordinaattori@example.fi", "Kaisa", "Koordinaattori", "Coordinators", False),
    ("ohjausryhma@example.fi", "Olli", "Ohjausryhmä", "Steering group", False),
    ("arvioija@example.fi", "Aaro", "Arvioija", "Steering group", False),
    ("paattaja@example.fi", "Päivi", "Päättäjä", "Decision makers", False),
]


def seed(*, stdout) -> None:
    User = get_user_model()
    for email, first, last, group_name, superuser in DEMO_STAFF:
        user, created = User.objects.get_or_create(
            email=email,
            defaults={"first_name": first, "last_name": last, "is_staff": True, "is_superuser": superuser},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            from allauth.account.models import EmailAddress

            EmailAddress.objects.get_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
        if group_name:
            user.groups.add(Group.objects.get(name=group_name))
    stdout.write(f"  staff accounts: {', '.join(e for e, *_ in DEMO_STAFF)} (password {DEMO_PASSWORD})")
