"""One package per provider: each parses its own wire into core commands and renders replies."""

from __future__ import annotations


def all_edges():
    from .inteltele.routes import edge as inteltele
    from .smsc.routes import edge as smsc
    from .targetsms.routes import edge as targetsms

    return [inteltele(), targetsms(), smsc()]
