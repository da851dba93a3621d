"""Benchmark the main pages at national scale, in a database of the bench's own."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from devtools import bench


class Command(BaseCommand):
    help = (
        "Build a national-scale data set in a separate, temporary database and time the "
        "main pages (median, 95th percentile, queries) against a signed-in floor page "
        "(/floor/: session, user, unread count, base layout)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=float, default=1.0,
            help="1 builds ~24,000 schools and 3,000 clusters; 0.1 a tenth (default 1)",
        )  # fmt: skip
        parser.add_argument(
            "--repeat", type=int, default=30, help="timed requests per page (default 30)"
        )
        parser.add_argument("--json", metavar="PATH", help="also write the results as JSON")
        parser.add_argument(
            "--keep", action="store_true",
            help="leave the built database behind (for --reuse and devtools/loadtest.sh)",
        )  # fmt: skip
        parser.add_argument(
            "--reuse", action="store_true",
            help="measure the database left by --keep instead of building one (--scale ignored)",
        )  # fmt: skip
        parser.add_argument(
            "--only", action="append", metavar="WORD",
            help="measure only pages whose label contains WORD (repeatable); floors always",
        )  # fmt: skip

    def handle(
        self, *args, scale, repeat, json=None, keep=False, reuse=False, only=None, **options
    ):
        if scale <= 0 or repeat < 1:
            raise CommandError("--scale must be above 0 and --repeat at least 1")
        if settings.DEBUG:
            self.stderr.write("Note: DJANGO_DEBUG is on; pages are measured with DEBUG off.")
        try:
            results = bench.run(
                scale=scale, repeat=repeat, log=self.stdout.write, keep=keep, reuse=reuse,
                only=only,
            )  # fmt: skip
        except FileNotFoundError as error:
            raise CommandError(str(error)) from None
        self.stdout.write("")
        self.stdout.write(bench.table(results))
        if json:
            Path(json).write_text(_dumps([r.as_dict() for r in results]))
            self.stdout.write(f"\nWrote {json}")


def _dumps(data) -> str:
    return json.dumps(data, indent=2) + "\n"
