"""Posting to a subscriber's endpoint without letting it reach inside (SSRF).

The host is resolved once per delivery; an address that is private, loopback,
link-local or otherwise not public is refused unless settings.WEBHOOKS_ALLOW_PRIVATE.
The connection goes to that address, pinned, while TLS checks the certificate of
the host named in the URL: a name that resolves elsewhere a second time (DNS
rebinding) changes nothing.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

TIMEOUT_SECONDS = 10
EXCERPT = 500


class Refused(Exception):
    """The endpoint may not be posted to."""


@dataclass(frozen=True)
class Answer:
    status: int
    excerpt: str
    latency_ms: int


def post(url: str, body: bytes, headers: dict[str, str]) -> Answer:
    """POST `body` to `url`; raise Refused, or OSError/HTTPException when it fails."""
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise Refused(f"Not an http(s) address: {url}")
    if parts.scheme == "http" and not settings.WEBHOOKS_ALLOW_PRIVATE:
        raise Refused("Plain http is refused: give an https:// address.")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    address = resolve(parts.hostname, port)
    connection: http.client.HTTPConnection = (
        _PinnedHTTPS(parts.hostname, port, address=address)
        if parts.scheme == "https"
        else _PinnedHTTP(parts.hostname, port, address=address)
    )
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    started = time.monotonic()
    try:
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        excerpt = response.read(EXCERPT).decode("utf-8", "replace")
    finally:
        connection.close()
    latency = round((time.monotonic() - started) * 1000)
    return Answer(status=response.status, excerpt=excerpt, latency_ms=latency)


def resolve(host: str, port: int) -> str:
    """The address to connect to: the first the name resolves to; Refused if not public."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise Refused(f"{host} does not resolve: {error.strerror}") from None
    address = str(found[0][4][0])
    parsed = ipaddress.ip_address(address)
    # An IPv4 address written as IPv6 (::ffff:10.0.0.1) is judged as the IPv4 one.
    judged = getattr(parsed, "ipv4_mapped", None) or parsed
    if not settings.WEBHOOKS_ALLOW_PRIVATE and not judged.is_global:
        raise Refused(f"{host} resolves to {address}, which is not a public address.")
    return address


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, host: str, port: int, *, address: str) -> None:
        super().__init__(host, port, timeout=TIMEOUT_SECONDS)
        self.address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, *, address: str) -> None:
        self.tls = ssl.create_default_context()
        super().__init__(host, port, timeout=TIMEOUT_SECONDS, context=self.tls)
        self.address = address

    def connect(self) -> None:
        sock = socket.create_connection((self.address, self.port), self.timeout)
        # The certificate and SNI are the host's, the socket the pinned address's.
        self.sock = self.tls.wrap_socket(sock, server_hostname=self.host)
