"""python manage.py make_gias_extract OUT.csv: a realistic register extract to import."""

from django.core.management.base import BaseCommand, CommandError

from devtools.extract import synthetic_extract_rows, write_extract
from networks.reference_data import reference_data_dir


class Command(BaseCommand):
    help = (
        "Write a realistic GIAS extract (the real 139-column header, Windows-1252) from "
        "the real establishments in the shared reference data, for benchmarks and demos."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("out", help="the CSV file to write")
        parser.add_argument(
            "--rows",
            type=int,
            default=50_000,
            help="how many rows (default 50,000, a full extract)",
        )
        parser.add_argument("--seed", type=int, default=0, help="same seed, same extract")

    def handle(self, *args, out: str, rows: int, seed: int, **options) -> None:
        if rows < 1:
            raise CommandError("--rows must be at least 1")
        try:
            with open(out, "w", encoding="cp1252", newline="") as file:
                written = write_extract(synthetic_extract_rows(rows, seed), file)
        except FileNotFoundError as error:
            raise CommandError(
                f"{error.filename}: not found. The reference data is read from "
                f"{reference_data_dir()} (set ENQUIRY_SHARED_DATA to move it)."
            ) from None
        self.stdout.write(self.style.SUCCESS(f"Wrote {written:,} rows to {out}"))
