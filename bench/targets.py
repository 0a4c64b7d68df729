"""What each benchmark target sends: request bytes for the i-th request (distinct numbers and
texts, so no repeat rule refuses them)."""

from __future__ import annotations

from collections.abc import Callable

from .load import get

Target = Callable[[int], bytes]


def _ua_number(i: int) -> str:
    return f"38050{i % 10_000_000:07d}"


def inteltele_send(i: int) -> bytes:
    return get(f"/im/send/?username=demo&api_key=demo&to={_ua_number(i)}"
               f"&im_message=Bench+message+{i}")


TARGETS: dict[str, Target] = {
    "inteltele /im/send/": inteltele_send,
}
