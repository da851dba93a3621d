from django.core.management.base import BaseCommand

from devtools.demo.register import accounts_table


class Command(BaseCommand):
    help = "Print the demo sign-ins (role and email) as an aligned table."

    def handle(self, *args, **options):
        self.stdout.write(accounts_table())
