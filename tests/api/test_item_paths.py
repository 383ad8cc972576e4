"""Item paths in representations and feeds are the routes' own (api.v1.links.api_url)."""

from __future__ import annotations

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from api.v1.links import api_url


@pytest.mark.parametrize("prefix", ["/", "/clinic/"])
def test_an_item_path_is_the_route_reversed_under_the_script_prefix(prefix: str) -> None:
    set_script_prefix(prefix)
    try:
        path = api_url("conditions", "tennis-elbow")
        assert path == reverse("v1:condition-detail", kwargs={"slug": "tennis-elbow"})
        assert path == f"{prefix}api/v1/conditions/tennis-elbow/"
        assert api_url("body-regions", "neck") == f"{prefix}api/v1/body-regions/neck/"
    finally:
        set_script_prefix("/")


def test_a_slug_no_route_accepts_fails_as_reverse_does() -> None:
    with pytest.raises(NoReverseMatch):
        api_url("faqs", "Not_A_Route_Slug")
