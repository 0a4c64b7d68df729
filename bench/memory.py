"""Memory per stored message, measured with tracemalloc around a burst of sends."""

from __future__ import annotations

import gc
import tracemalloc

from mockserver.cli import build_state
from mockserver.core.billing import Channel
from mockserver.core.clock import ClockMode
from mockserver.core.sending import ChannelContent, Recipient, SendCommand


def bytes_per_message(count: int = 20_000) -> float:
    state = build_state(None, clock=ClockMode.FROZEN)
    account = state.accounts.get("inteltele", "demo")
    account.balance = account.balance * 10_000
    commands = [
        SendCommand(account, [Recipient(f"38050{i:07d}")],
                    [ChannelContent(Channel.VIBER, f"Your code is {i:06d}", sender="Shop",
                                    ttl_s=3600),
                     ChannelContent(Channel.SMS, f"Your code is {i:06d}", sender="Shop")],
                    provider_ids=lambda m: {"message_id": m.id})
        for i in range(count)
    ]
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    for command in commands:
        state.sending.send(command)
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    return (after - before) / count
