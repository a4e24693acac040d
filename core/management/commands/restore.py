from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from core.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a `manage.py backup` archive: the database and the uploaded files."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar written by `manage.py backup`.")
        parser.add_argument(
            "--clean",
            action="store_true",
            help="Replace what the database holds (without it the database must be empty).",
        )

    def handle(self, *args, **options):
        archive = Path(options["archive"])
        if not archive.is_file():
            raise CommandError(f"{archive} does not exist.")
        if not options["clean"] and connection.introspection.table_names():
            raise CommandError("The database is not empty: restore into an empty one, or pass --clean.")
        connection.close()
        try:
            manifest = restore(
                archive=archive, database=settings.DATABASES["default"], clean=options["clean"]
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"restored {archive} (made {manifest['created']}, {len(manifest['files'])} files)")
