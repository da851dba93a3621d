from django.conf import settings
from django.core.management.base import BaseCommand

from devtools.demo.register import DEMO_PASSWORD


class Command(BaseCommand):
    help = "Print the demo sign-ins' password (only in development: DJANGO_DEBUG on)."

    def handle(self, *args, **options):
        if settings.DEBUG:
            self.stdout.write(DEMO_PASSWORD)
        else:
            self.stdout.write("(none: demo passwords exist only with DJANGO_DEBUG on)")
