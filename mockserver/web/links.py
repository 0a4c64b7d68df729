"""Which journaled request created which message, so the inbox can show a message's raw
request, its reply and the violations found in it.

A message is stored while its request's handler runs, and the request is journaled right after,
in the same task; a context variable carries the new messages from one to the other. Nothing here
reads the clock or the wire, and both listeners only append."""

from __future__ import annotations

import contextvars
from collections import OrderedDict

from ..core.journal import JournalEntry
from ..core.messages import Message

# The messages stored by the request this task is handling, not yet journaled.
_UNJOURNALED: contextvars.ContextVar[list[Message] | None] = contextvars.ContextVar(
    "unjournaled_messages", default=None)


class RequestLinks:
    """Message id -> the journal entry of the request that created it. Bounded like the
    journal (oldest out), so that a long load test costs no memory per stored message."""

    def __init__(self, capacity: int = 10_000) -> None:
        self._entries: OrderedDict[str, JournalEntry] = OrderedDict()
        self.capacity = capacity

    def on_message(self, message: Message) -> None:
        pending = _UNJOURNALED.get()
        if pending is None:
            _UNJOURNALED.set([message])
        else:
            pending.append(message)

    def on_entry(self, entry: JournalEntry) -> list[Message]:
        """Link the entry to the messages its request stored; gives those messages."""
        pending = _UNJOURNALED.get()
        if not pending:
            return []
        _UNJOURNALED.set(None)
        linked = [message for message in pending if message.provider == entry.provider]
        for message in linked:
            self._entries[message.id] = entry
        while len(self._entries) > self.capacity:
            self._entries.popitem(last=False)
        return linked

    def entry_of(self, message_id: str) -> JournalEntry | None:
        return self._entries.get(message_id)

    def clear(self) -> None:
        self._entries.clear()
