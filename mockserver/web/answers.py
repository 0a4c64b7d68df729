"""What recipients answered, as the inbox shows them: on the phone's screen, among the
messages they answer, and pushed live as they come."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from ..core.inbound import InboundMessage
from ..core.messages import Message
from ..core.state import MockState

PAGE_LIMIT = 500  # answers on one page of a conversation, newest kept


def answer_matches(query: Mapping[str, str], answer: InboundMessage) -> bool:
    """The inbox's filters that say whose answers to show; status and channel are the
    messages' own and do not hide answers."""
    prefix = query.get("phone_prefix", "").lstrip("+")
    return ((not query.get("provider") or answer.provider == query["provider"])
            and (not query.get("login") or answer.login == query["login"])
            and (not query.get("phone") or answer.phone == query["phone"].lstrip("+"))
            and answer.phone.startswith(prefix)
            and query.get("text", "").casefold() in answer.text.casefold())


def page_answers(state: MockState, query: Mapping[str, str], found: Iterable[Message],
                 following: str | None) -> list[dict[str, Any]]:
    """One conversation's answers (a `phone` filter) in the time a newest-first page of its
    messages spans: from its oldest message (all older ones on the last page) up to the
    message the page continues from. An oldest-first page carries them all."""
    if not query.get("phone"):
        return []
    since: datetime | None = None
    until: datetime | None = None
    if query.get("order") == "desc":
        times = [message.created_at for message in found]
        since = min(times) if following and times else None
        cursor = state.messages.get(query.get("before", "")) if query.get("before") else None
        until = cursor.created_at if cursor is not None else None
    answers = [answer.to_mapping() for answer in state.inbound
               if answer_matches(query, answer)
               and (since is None or answer.received_at >= since)
               and (until is None or answer.received_at < until)]
    return answers[-PAGE_LIMIT:]
