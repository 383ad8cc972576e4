from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from content.events import prune_superseded


class Command(BaseCommand):
    help = (
        "Delete change events that a later event of the same item supersedes and that are "
        "older than --days. The latest event of every item (tombstones included) is always "
        "kept, so replaying the feed, or following it from any cursor, still ends with "
        "exactly the published content."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=90, help="Keep everything newer (90).")

    def handle(self, *args: Any, days: int, **options: Any) -> None:
        deleted = prune_superseded(older_than=timezone.now() - timedelta(days=max(days, 0)))
        self.stdout.write(f"Deleted {deleted} superseded change events older than {days} days.")
