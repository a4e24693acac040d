import importlib

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class Command(BaseCommand):
    help = "Fill the database with realistic demo data (idempotent; refuses to run with DEBUG off)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Run even with DEBUG off (never in production)."
        )
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing when the database already has user accounts."
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "seed_demo creates accounts with known passwords and refuses to run with DEBUG off."
            )
        if options["if_empty"] and get_user_model().objects.exists():
            self.stdout.write("The database already has data; demo data not loaded.")
            return
        # Each app that has demo data provides a ``demo`` module with ``seed(stdout=...)``.
        with transaction.atomic():
            for app_config in apps.get_app_configs():
                try:
                    module = importlib.import_module(f"{app_config.name}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{app_config.name}.demo":
                        raise
                    continue
                self.stdout.write(f"{app_config.label}:")
                module.seed(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data is in place."))
