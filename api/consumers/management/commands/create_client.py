from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from api.consumers.models import ApiClient


class Command(BaseCommand):
    help = "Create an API client and print its key, once: it is stored only as a hash."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", help="Who this is, e.g. 'Waiting-room kiosk, Main St'.")
        parser.add_argument("--kind", required=True, choices=ApiClient.Kind.values)
        parser.add_argument(
            "--origin", action="append", default=[], dest="origins",
            help="A browser origin allowed to call with this key (repeatable).",
        )  # fmt: skip
        parser.add_argument("--tier", choices=ApiClient.Tier.values, default="standard")
        parser.add_argument("--may-preview", action="store_true", help="May see drafts.")

    def handle(self, *args: Any, **options: Any) -> None:
        client = ApiClient(
            name=options["name"],
            kind=options["kind"],
            allowed_origins=options["origins"],
            rate_tier=options["tier"],
            may_preview=options["may_preview"],
        )
        key = ApiClient.objects.assign_key(client)
        try:
            client.full_clean()
        except ValidationError as error:
            raise CommandError(f"Nothing was created. {error.message_dict}") from None
        client.save()
        self.stdout.write(f"Created {client} with prefix {client.prefix}.")
        self.stdout.write("Its key, shown only now (send it as `Authorization: Api-Key <key>`):")
        self.stdout.write(key)
