import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database (pg_dump) and the uploaded files into a timestamped archive."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir",
            default=os.environ.get("BACKUP_DIR", str(settings.BASE_DIR / "backups")),
            help="Folder of the archives (BACKUP_DIR; default backups/).",
        )

    def handle(self, *args, **options):
        try:
            archive = backup(database=settings.DATABASES["default"], output_dir=Path(options["output_dir"]))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(str(archive))
