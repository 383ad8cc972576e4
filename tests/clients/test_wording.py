"""What the clients say of IMS themselves matches the content (issue 17): IMS *may* help,
and it has one name in French."""

from __future__ import annotations

import re
from pathlib import Path

from api.v1.linkeddata import ims_therapy

CLIENTS = Path(__file__).resolve().parents[2] / "clients"
COPY = [
    CLIENTS / "kiosk" / "kiosk.js",
    CLIENTS / "kiosk" / "index.html",
    CLIENTS / "embed" / "demo.html",
]


def test_the_clients_never_claim_more_than_may_help() -> None:
    for path in COPY:
        text = path.read_text()
        assert not re.search(r"IMS helps|IMS can help|la SIM aide", text), path


def test_ims_has_one_french_name_everywhere() -> None:
    assert ims_therapy("fr-ca")["name"] == "Stimulation intramusculaire (IMS)"
    for path in COPY:
        assert not re.search(r"\bSIM\b", path.read_text()), path
