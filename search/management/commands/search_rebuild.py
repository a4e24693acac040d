from django.core.management.base import BaseCommand

from search import services


class Command(BaseCommand):
    help = "Build every search document again from the public objects."

    def handle(self, *args, **options):
        for kind, count in services.index_rebuild().items():
            self.stdout.write(f"{kind}: {count}")
