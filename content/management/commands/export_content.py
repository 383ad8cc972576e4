from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from content.seed.exporting import export_content


class Command(BaseCommand):
    help = "Write all content, in the format load_content reads, to a directory."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path, help="Where to write (created if missing).")

    def handle(self, *args: Any, directory: Path, **options: Any) -> None:
        written = export_content(directory=directory)
        self.stdout.write(self.style.SUCCESS(f"Wrote {len(written)} files to {directory}."))
