"""python manage.py import_gias PATH: import the schools register extract (GIAS)."""

import csv
import time

from django.core.management.base import BaseCommand, CommandError

from networks.gias import BadRowsError, GiasFormatError, RowError, import_register

SHOW_ERRORS = 50


class ProgressBar:
    """A bar redrawn in place on a terminal; elsewhere (cron, CI logs) a line per 10%.

    Writes to the command's stderr (an OutputWrapper: it adds the newline unless
    told ending="")."""

    WIDTH = 30

    def __init__(self, stream) -> None:
        self.stream = stream
        self.interactive = stream.isatty()
        self.stage = ""
        self.step = 0
        self.drawn_at = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        total = max(total, 1)
        if stage != self.stage:
            self.finish()
            self.stage, self.step = stage, 0
        if self.interactive:
            now = time.monotonic()
            if done < total and now - self.drawn_at < 0.1:
                return
            self.drawn_at = now
            filled = self.WIDTH * done // total
            bar = "#" * filled + "-" * (self.WIDTH - filled)
            self.write(f"\r{stage:<9}[{bar}] {done:,}/{total:,}", ending="")
        else:
            step = 10 * done // total
            if step > self.step:
                self.step = step
                self.write(f"{stage}: {done:,}/{total:,} ({10 * step}%)")

    def write(self, text: str, ending: str = "\n") -> None:
        # Plain, not stderr's red: progress is not an error.
        self.stream.write(text, style_func=lambda text: text, ending=ending)
        self.stream.flush()

    def finish(self) -> None:
        if self.interactive and self.stage:
            self.write("")
        self.stage = ""


class Command(BaseCommand):
    help = (
        "Import the schools register extract from Get Information About Schools "
        "(edubasealldata*.csv, Windows-1252, or UTF-8 if re-saved so). Upserts LAs and "
        "schools by URN. A file with any bad row imports nothing unless --skip-bad-rows."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", help="the extract, e.g. edubasealldata20240901.csv")
        parser.add_argument(
            "--skip-bad-rows",
            action="store_true",
            help="import the good rows and report the bad ones, instead of importing nothing",
        )
        parser.add_argument(
            "--error-report",
            metavar="CSV",
            help="also write every bad row's errors to this CSV (line, column, message)",
        )

    def handle(self, *args, path: str, skip_bad_rows: bool, error_report: str | None, **options):
        progress = ProgressBar(self.stderr) if options["verbosity"] > 0 else None
        started = time.monotonic()
        try:
            summary = import_register(path=path, skip_bad_rows=skip_bad_rows, progress=progress)
        except FileNotFoundError:
            raise CommandError(f"{path}: no such file") from None
        except GiasFormatError as error:
            raise CommandError(f"{path}: {error}") from None
        except BadRowsError as error:
            self.report_errors(error.errors, error_report)
            raise CommandError(
                f"Nothing imported: {error.rejected:,} of {error.rows_read:,} rows are bad "
                "(listed above). Fix them, or pass --skip-bad-rows to import the rest."
            ) from None
        finally:
            if progress:
                progress.finish()
        seconds = time.monotonic() - started

        if summary.errors:
            self.report_errors(list(summary.errors), error_report)
        if summary.rejected and not summary.imported:
            raise CommandError(f"Nothing imported: all {summary.rejected:,} rows are bad.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {path} in {seconds:.1f} s: {summary.created:,} created, "
                f"{summary.updated:,} updated, {summary.unchanged:,} unchanged, "
                f"{summary.rejected:,} rejected. "
                f"LAs: {summary.las_created:,} created, {summary.las_updated:,} updated."
            )
        )

    def report_errors(self, errors: list[RowError], error_report: str | None) -> None:
        for error in errors[:SHOW_ERRORS]:
            self.stderr.write(str(error))
        if len(errors) > SHOW_ERRORS:
            more = f"... and {len(errors) - SHOW_ERRORS:,} more errors"
            self.stderr.write(more + ("" if error_report else " (see --error-report)"))
        if error_report:
            with open(error_report, "w", newline="", encoding="utf-8") as out:
                writer = csv.writer(out)
                writer.writerow(["line", "column", "message"])
                writer.writerows([error.line, error.column, error.message] for error in errors)
            self.stderr.write(f"All {len(errors):,} errors written to {error_report}")
