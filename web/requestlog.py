"""One log line per request, and a request id on every log record (DESIGN 3).

`RequestLogMiddleware` runs first: it takes the caller's `X-Request-ID` when
it is a sane token (a load balancer's or a client's, so one id follows the
request through every hop) or makes one, echoes it on the response, and logs
`request` once the response is ready, with the method, path, status,
duration, API client and request id as fields of the record. Every other
record logged while the request runs carries the same `request_id`
(`RequestIdFilter`, installed on the handlers by settings.LOGGING).
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.http import HttpRequest, HttpResponse

HEADER = "X-Request-ID"
# Ids travel into log lines and response headers: letters, digits and a few
# separators only, bounded in length; anything else is replaced.
_SANE_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")

logger = logging.getLogger("api.requests")
current_request_id: ContextVar[str | None] = ContextVar("current_request_id", default=None)


class RequestIdFilter(logging.Filter):
    """Adds `request_id` (None outside a request) to every record it sees."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = current_request_id.get()
        return True


class ClientMistakeFilter(logging.Filter):
    """Django logs a client's mistake (a disallowed Host, too many fields:
    loggers `django.security.*`) as an ERROR with a traceback, although nothing
    on the server failed: one WARNING line each, so a scanner cannot flood the log."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.startswith("django.security.") and record.levelno > logging.WARNING:
            record.levelno, record.levelname = (
                logging.WARNING,
                logging.getLevelName(logging.WARNING),
            )
            record.exc_info, record.exc_text, record.stack_info = None, None, None
        return True


def request_id_from(request: HttpRequest) -> str:
    """The caller's `X-Request-ID` when it is a sane token, else a new uuid4 (hex)."""
    offered = request.headers.get(HEADER, "")
    return offered if _SANE_ID.fullmatch(offered) else uuid.uuid4().hex


class RequestLogMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = request_id_from(request)
        request.request_id = request_id  # type: ignore[attr-defined]
        token = current_request_id.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[HEADER] = request_id
            duration_ms = round((time.perf_counter() - started) * 1000, 2)
            client = client_id(request)
            logger.info(
                "%s %s %s %.2fms client=%s",
                request.method,
                request.path,
                response.status_code,
                duration_ms,
                client or "-",
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": duration_ms,
                    "client_id": client,
                    "request_id": request_id,
                },
            )
            return response
        finally:
            current_request_id.reset(token)


def client_id(request: HttpRequest) -> str | None:
    """The key prefix of the API client that authenticated the request, if any.

    The prefix names a client without revealing its key (its primary key holds
    the key's hash). DRF copies `auth` (an ApiClient) onto the Django request.
    """
    client: Any = getattr(request, "auth", None)
    return str(client.prefix) if client is not None else None
