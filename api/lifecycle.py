"""Where an API version is in its life: stable, or deprecated with a sunset date.

Configured per version in settings.API_LIFECYCLE (from the environment). A
deprecated version's responses say so in headers clients and tools understand:
`Deprecation` (RFC 9745), `Sunset` (RFC 8594) and `Link: <…>; rel="successor-version"`.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils.http import http_date


@dataclass(frozen=True)
class Lifecycle:
    deprecated_since: date | None = None
    sunset: date | None = None
    successor: str = ""

    @property
    def status(self) -> str:
        return "deprecated" if self.deprecated_since else "stable"

    def headers(self) -> dict[str, str]:
        if not self.deprecated_since:
            return {}
        headers = {"Deprecation": f"@{_timestamp(self.deprecated_since)}"}
        if self.sunset:
            headers["Sunset"] = http_date(_timestamp(self.sunset))
        if self.successor:
            headers["Link"] = f'<{self.successor}>; rel="successor-version"'
        return headers


def of(version: str) -> Lifecycle:
    configured = settings.API_LIFECYCLE.get(version, {})
    return Lifecycle(
        deprecated_since=configured.get("deprecated_since"),
        sunset=configured.get("sunset"),
        successor=configured.get("successor") or "",
    )


def _timestamp(day: date) -> int:
    return calendar.timegm(day.timetuple())
