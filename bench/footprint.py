"""What the store costs: RSS growth per stored message over many sends. It runs in a child
process of its own (python -m bench.footprint N), so that nothing else the bench did sits in
the measured memory."""

from __future__ import annotations

import gc
import json
import sys

from mockserver.cli import build_state
from mockserver.core.billing import Channel
from mockserver.core.sending import ChannelContent, Recipient, SendCommand

PAGE = 4096


def rss_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE


def _commands(state, count: int, offset: int = 0):
    account = state.accounts.get("inteltele", "demo")
    account.balance = account.balance * 10_000_000
    for i in range(offset, offset + count):
        yield SendCommand(account, [Recipient(f"38050{i:07d}")],
                          [ChannelContent(Channel.VIBER, f"Your code is {i:06d}", sender="Shop",
                                          ttl_s=3600),
                           ChannelContent(Channel.SMS, f"Your code is {i:06d}", sender="Shop")],
                          provider_ids=lambda m: {"message_id": m.id})


def bytes_per_message(count: int) -> float:
    """Viber with an SMS fallback, sent and then delivered (the clock moved past every timer),
    as a store holds them after a day of load."""
    state = build_state(None, clock="frozen")
    for command in _commands(state, 1_000, offset=9_000_000):  # warm every path and cache
        state.sending.send(command)
    gc.collect()
    before = rss_bytes()
    for command in _commands(state, count):
        state.sending.send(command)
    state.scheduler.advance(86_400 * 2)
    gc.collect()
    return (rss_bytes() - before) / count


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    print(json.dumps({"bytes_per_message": bytes_per_message(count)}))


if __name__ == "__main__":
    main()
