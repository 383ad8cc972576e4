from __future__ import annotations

from pathlib import Path
from typing import Any
from uuid import UUID

from django.core.management.base import BaseCommand, CommandError, CommandParser

from content.seed import SEED_DIRECTORY
from content.seed.files import ContentFileError
from content.seed.loading import load_content, stored_item_count
from content.seed.planning import Action, RestoreError


class Command(BaseCommand):
    help = (
        "Load content files (default: the seed content) by UUID: create the missing items, "
        "update those unchanged here since they were loaded; never re-create a deleted item "
        "or change an edited one unless asked (docs/content-editing.md)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "directory", nargs="?", type=Path, default=SEED_DIRECTORY,
            help=f"A content directory (default: {SEED_DIRECTORY}).",
        )  # fmt: skip
        parser.add_argument(
            "--dry-run", action="store_true",
            help="Print what would be created, updated or skipped, and write nothing.",
        )  # fmt: skip
        parser.add_argument(
            "--restore", action="append", type=UUID, default=[], metavar="UUID",
            help="Create this deleted item (or term) again; repeat for several.",
        )  # fmt: skip
        parser.add_argument(
            "--if-empty", action="store_true",
            help="Load only into a database without any content item (start-up does this).",
        )  # fmt: skip
        overwrite = parser.add_mutually_exclusive_group()
        overwrite.add_argument(
            "--force", action="store_true",
            help="Also overwrite items changed here since they were loaded.",
        )  # fmt: skip
        overwrite.add_argument(
            "--keep-existing", action="store_true",
            help="Only create missing items; update none, even those unchanged here.",
        )  # fmt: skip

    def handle(
        self,
        *args: Any,
        directory: Path,
        dry_run: bool,
        restore: list[UUID],
        if_empty: bool,
        force: bool,
        keep_existing: bool,
        **options: Any,
    ) -> None:
        if if_empty and (count := stored_item_count()):
            self.stdout.write(
                f"Content not loaded: the database already holds {count} content items "
                "(--if-empty loads only into an empty one)."
            )
            return
        try:
            plan = load_content(
                directory=directory, force=force, keep_existing=keep_existing,
                restore=restore, dry_run=dry_run,
            )  # fmt: skip
        except (ContentFileError, RestoreError) as error:
            raise CommandError(f"Nothing was loaded. {error}") from None
        for step in plan.steps:
            if step.action != Action.UNCHANGED:
                self.stdout.write(step.line)
        self.stdout.write(self.style.SUCCESS(plan.summary) if plan.changed else plan.summary)
