"""SMSC's HTTP API."""

from __future__ import annotations

from ...app import ProviderEdge

PROVIDER = "smsc"


def edge() -> ProviderEdge:
    return ProviderEdge(PROVIDER, routes=[])
