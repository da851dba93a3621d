"""Load the demo data. Safe to repeat: a second run changes nothing."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand

from devtools.demo import brokerage as brokerage_demo
from devtools.demo import enquiries as enquiries_demo
from devtools.demo import evidence as evidence_demo
from devtools.demo import meetings as meetings_demo
from devtools.demo import plans as plans_demo
from devtools.demo import register as demo


class Command(BaseCommand):
    help = (
        "Load demo data: every LA, real schools in the initiative's LAs, Essex's eight "
        "clusters, demo sign-ins, the enquiry history and Essex's brokerage. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--register-only",
            action="store_true",
            help="LAs, schools, clusters and people only; no initiative or enquiries",
        )
        parser.add_argument(
            "--write-data",
            metavar="DIR",
            help="write the subset of the reference CSVs the demo needs to DIR, then stop",
        )

    def handle(self, *args, register_only=False, write_data=None, **options):
        if write_data:
            kept = demo.write_data_subset(Path(write_data))
            self.stdout.write(f"Wrote the LA list and {kept} establishments to {write_data}.")
            return
        started = time.perf_counter()
        seeded = demo.seed_register()
        lines = list(seeded.report.lines)
        if not register_only:
            lines += enquiries_demo.seed_enquiries(seeded)
            lines += brokerage_demo.seed_brokerage(seeded)
            lines += plans_demo.seed_plans()
            lines += meetings_demo.seed_meetings()
            lines += evidence_demo.seed_evidence(seeded)
        for line in lines:
            self.stdout.write(line)
        self.stdout.write(
            self.style.SUCCESS(f"Demo data ready in {time.perf_counter() - started:.1f}s.")
        )
