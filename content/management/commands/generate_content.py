from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from content.seed import loading
from content.seed.generation import Generator, Sizes


class Command(BaseCommand):
    help = (
        "Generate a large, deterministic, published content set for benchmarks, in an empty "
        "database only: its sentences are made up (each item is marked synthetic), so it "
        "refuses to run where the clinic's content is."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        defaults = Sizes()
        parser.add_argument(
            "--seed", type=int, default=1, help="The same seed gives the same content."
        )
        for name in ("conditions", "faqs", "regions", "mechanisms"):
            parser.add_argument(
                f"--{name}", type=int, default=getattr(defaults, name),
                help=f"How many {name} (default {getattr(defaults, name)}).",
            )  # fmt: skip

    def handle(self, *args: Any, seed: int, **options: Any) -> None:
        if loading.stored_item_count():
            raise CommandError(
                "The database already has content; generate into an empty one (generated "
                "content is made up, and must never mix with the clinic's)."
            )
        sizes = Sizes(
            **{name: options[name] for name in ("conditions", "faqs", "regions", "mechanisms")}
        )
        if min(sizes.conditions, sizes.regions, sizes.mechanisms) < 2:
            raise CommandError("Generate at least 2 conditions, regions and mechanisms.")
        # Tens of thousands of items in batches: rendering each batch for readers
        # as it commits (WARM_AFTER_PUBLISH) would take longer than writing them;
        # the first reads render what is read.
        warm, settings.WARM_AFTER_PUBLISH = settings.WARM_AFTER_PUBLISH, 0
        started = time.perf_counter()
        try:
            counts = Generator(sizes=sizes, seed=seed, progress=self._progress(started)).run()
        finally:
            settings.WARM_AFTER_PUBLISH = warm
        summary = ", ".join(f"{count} {name}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(
            f"Generated {summary} and {sizes.regions} body regions "
            f"in {time.perf_counter() - started:.0f} s (seed {seed})."
        ))  # fmt: skip

    def _progress(self, started: float) -> Callable[[str, int, int], None]:
        def report(kind: str, done: int, total: int) -> None:
            elapsed = time.perf_counter() - started
            self.stdout.write(f"  {kind}: {done:,} of {total:,} written ({elapsed:.0f} s)")
            self.stdout.flush()

        return report
