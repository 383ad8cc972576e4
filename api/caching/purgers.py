"""Purging surrogate keys at an edge cache: one small class per kind, one interface
(`purge(keys)`), chosen by settings.EDGE_PURGER. A purge that fails raises, and the
task retries it (api.caching.edge)."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from typing import Protocol

from django.conf import settings

TIMEOUT_SECONDS = 10


class Purger(Protocol):
    def purge(self, keys: list[str]) -> None: ...


class VarnishPurger:
    """`PURGE` with the keys in `xkey-purge`, as docker/varnish/default.vcl takes it
    (the xkey module)."""

    batch = 100

    def __init__(self, url: str) -> None:
        self.url = url

    def purge(self, keys: list[str]) -> None:
        for batch in _batches(keys, self.batch):
            _send(
                urllib.request.Request(
                    self.url, method="PURGE", headers={"xkey-purge": " ".join(batch)}
                )
            )


class FastlyPurger:
    """Fastly's purge by surrogate keys (at most 256 a request)."""

    batch = 256

    def __init__(self, api: str, service_id: str, token: str) -> None:
        self.url = f"{api.rstrip('/')}/service/{service_id}/purge"
        self.token = token

    def purge(self, keys: list[str]) -> None:
        for batch in _batches(keys, self.batch):
            _send(_json_post(self.url, {"surrogate_keys": batch}, {"Fastly-Key": self.token}))


class CloudflarePurger:
    """Cloudflare's purge by cache tags (at most 30 a request)."""

    batch = 30

    def __init__(self, api: str, zone_id: str, token: str) -> None:
        self.url = f"{api.rstrip('/')}/zones/{zone_id}/purge_cache"
        self.token = token

    def purge(self, keys: list[str]) -> None:
        for batch in _batches(keys, self.batch):
            headers = {"Authorization": f"Bearer {self.token}"}
            _send(_json_post(self.url, {"tags": batch}, headers))


def configured() -> Purger:
    """The purger settings.EDGE_PURGER names."""
    kind = settings.EDGE_PURGER
    if kind == "varnish":
        return VarnishPurger(settings.EDGE_PURGE_URL)
    if kind == "fastly":
        api = settings.EDGE_PURGE_API or "https://api.fastly.com"
        return FastlyPurger(api, settings.FASTLY_SERVICE_ID, settings.FASTLY_API_TOKEN)
    if kind == "cloudflare":
        api = settings.EDGE_PURGE_API or "https://api.cloudflare.com/client/v4"
        return CloudflarePurger(api, settings.CLOUDFLARE_ZONE_ID, settings.CLOUDFLARE_API_TOKEN)
    raise ValueError(f"EDGE_PURGER={kind!r}: varnish, fastly or cloudflare")


def _batches(keys: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(keys), size):
        yield keys[start : start + size]


def _json_post(url: str, body: object, headers: dict[str, str]) -> urllib.request.Request:
    return urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        method="POST",
        headers={"Content-Type": "application/json", **headers},
    )


def _send(request: urllib.request.Request) -> None:
    # urlopen raises HTTPError for an answer outside 2xx-3xx: the task retries.
    with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as answer:
        answer.read()
