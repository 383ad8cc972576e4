"""A stand-in editor: `python -m bench.publisher` re-saves a body region on each input line.

Saving goes through content.services, which moves the content version, as
any published change does: every cached response of the older version
becomes unreachable, and the region's conditions are stamped anew, so their
stored representations are rendered again. The benchmark uses it to make
runs cold. It answers each line with the new version token.
"""

from __future__ import annotations

import sys

import django


def main() -> None:
    django.setup()
    from content.models import BodyRegion
    from content.services import taxonomy_save
    from content.versions import current

    region = BodyRegion.objects.order_by("position", "slug").first()
    if region is None:
        raise SystemExit("no body region to re-save")
    print("ready", flush=True)
    for _ in sys.stdin:
        taxonomy_save(term=region, by=None)
        print(current().token, flush=True)


if __name__ == "__main__":
    main()
