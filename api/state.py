"""What one API request has established, for the layers after the one that found it.

The response cache reads the content version once and the rate limit counts
the request once; whatever answers the request later (the response cache
again, DRF's throttle, the view) reads them here instead of again. One typed
object per request, reached with `of(request)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from content.versions import Version


@dataclass
class ApiRequestState:
    # The content version the response is answered for, once read.
    version: Version | None = None
    # The rate-limit quota this request counted against (api.consumers.throttling),
    # once counted; None also when unlimited.
    quota: Any = None
    quota_taken: bool = False
    # The validators of the public answer the view gave (api.caching.responses);
    # the stored response it came from (not stored again), or, for a 304 it
    # rendered, the body and content type to store.
    etag: str | None = None
    last_modified: int = 0
    stored: Any = None
    rendered: tuple[bytes, str] | None = None
    # The content coding the stored body was read in (None: as it is), marked so on
    # the way out (api.caching.responses).
    coding: str | None = None
    # The languages the items of the answer were served in (api.querying.languages),
    # once known: the default one too where a text fell back.
    languages: tuple[str, ...] = ()
    # The item a detail answer is (api.caching.edge: its surrogate key), once found.
    item_id: Any = None


def of(request: Any) -> ApiRequestState:
    """The state of `request` (a Django or DRF request), created on first use."""
    django_request = getattr(request, "_request", request)
    state = django_request.__dict__.get("api_state")
    if state is None:
        state = django_request.api_state = ApiRequestState()
    return state
