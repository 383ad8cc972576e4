"""How many project modules a cold list request passes through.

`python -m bench.modules [path]` loads the seed into an in-memory SQLite
database, answers `path` once (so representations are stored and the code is
warm), moves the content version as a publish does, then answers the next
page of `path` with `sys.setprofile` on: every distinct module of config/,
web/, api/ and content/ that a Python function call entered, between the
WSGI handler and the response, and how many calls crossed from one such
module to another. A measure of how much a newcomer must read to follow a
request (issue 14), not of speed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import FrameType
from typing import Any

PROJECT = ("config", "web", "api", "content")
ROOT = Path(__file__).resolve().parent.parent


def main(path: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("SECRET_KEY", "bench-modules-only")
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("REDIS_URL", None)
    import django
    from django.conf import settings

    settings.DATABASES["default"]["NAME"] = ":memory:"
    # As in production (with Redis): a publish has its changes warmed by the worker.
    settings.WARM_AFTER_PUBLISH = 500
    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from content.models import Mechanism
    from content.seed import SEED_DIRECTORY
    from content.seed.loading import load_content
    from content.services import content_save

    call_command("migrate", verbosity=0)
    load_content(directory=SEED_DIRECTORY)
    client = Client()
    client.get(path)
    mechanism = Mechanism.objects.first()
    assert mechanism is not None
    content_save(item=mechanism, by=None)  # a publish: every response is cold again
    # The worker renders what the publish changed, as after any publish (bench's cold runs)
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)

    seen: set[str] = set()
    crossings = 0
    last = ""

    def profile(frame: FrameType, event: str, arg: Any) -> None:
        nonlocal crossings, last
        if event != "call":
            return
        filename = Path(frame.f_code.co_filename)
        if ROOT not in filename.parents or ".venv" in filename.parts:
            return
        module = str(filename.relative_to(ROOT))
        if module.split("/")[0] not in PROJECT:
            return
        seen.add(module)
        if module != last:
            crossings += 1
        last = module

    separator = "&" if "?" in path else "?"
    sys.setprofile(profile)
    response = client.get(f"{path}{separator}offset=1")
    sys.setprofile(None)
    print(f"{path}{separator}offset=1 → {response.status_code}")
    print(f"{len(seen)} project modules, {crossings} calls between them:")
    for module in sorted(seen):
        print(f"  {module}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/api/v1/conditions/?expand=mechanisms")
