"""The TargetSMS-family platform's HTTP API."""

from __future__ import annotations

from ...app import ProviderEdge

PROVIDER = "targetsms"


def edge() -> ProviderEdge:
    return ProviderEdge(PROVIDER, routes=[])
