from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from content.seed import SEED_DIRECTORY
from content.seed.files import ContentFileError
from content.seed.loading import load_content


class Command(BaseCommand):
    help = "Load content files (default: the seed content), upserting each item by its UUID."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "directory", nargs="?", type=Path, default=SEED_DIRECTORY,
            help=f"A content directory (default: {SEED_DIRECTORY}).",
        )  # fmt: skip
        parser.add_argument(
            "--keep-existing", action="store_true",
            help="Only create missing items; leave existing ones as editors left them.",
        )  # fmt: skip

    def handle(self, *args: Any, directory: Path, keep_existing: bool, **options: Any) -> None:
        try:
            report = load_content(directory=directory, keep_existing=keep_existing)
        except ContentFileError as error:
            raise CommandError(f"Nothing was loaded. {error}") from None
        for label in report.created:
            self.stdout.write(f"created {label}")
        for label in report.updated:
            self.stdout.write(f"updated {label}")
        if report.changed:
            self.stdout.write(self.style.SUCCESS(
                f"Loaded {directory}: {len(report.created)} created, "
                f"{len(report.updated)} updated, {report.unchanged} unchanged, {report.kept} kept."
            ))  # fmt: skip
        else:
            self.stdout.write(
                f"Nothing to do: {report.unchanged} up to date, {report.kept} kept as they are."
                if report.kept
                else f"Nothing to do: all {report.unchanged} items are up to date."
            )
