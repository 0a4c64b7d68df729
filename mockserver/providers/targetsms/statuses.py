"""The platform's five status words, from the core's canonical statuses (and back, for tests).

    send            in progress (queued or sent, no report yet); for a channel: not sent
    not_deliver     undelivered, rejected or deleted
    expired         the validity period ran out while the subscriber was unreachable
    deliver         delivered (or read, on Viber)
    partly_deliver  sent, but the network never gave a definite status: canonical `unknown`.
                    An attempt the network never reports on stays `send` until its validity
                    ends (then `expired`); a channel without a validity (SMS, VK) ends
                    `partly_deliver` after `[delivery] no_report_final_s` (a day).
"""

from __future__ import annotations

from enum import StrEnum

from ...core.billing import Channel
from ...core.messages import Message, Status


class PlatformStatus(StrEnum):
    SEND = "send"
    NOT_DELIVER = "not_deliver"
    EXPIRED = "expired"
    DELIVER = "deliver"
    PARTLY_DELIVER = "partly_deliver"


_WORDS: dict[Status, PlatformStatus] = {
    Status.QUEUED: PlatformStatus.SEND,
    Status.SENT: PlatformStatus.SEND,
    Status.DELIVERED: PlatformStatus.DELIVER,
    Status.READ: PlatformStatus.DELIVER,
    Status.UNDELIVERED: PlatformStatus.NOT_DELIVER,
    Status.REJECTED: PlatformStatus.NOT_DELIVER,
    Status.DELETED: PlatformStatus.NOT_DELIVER,
    Status.EXPIRED: PlatformStatus.EXPIRED,
    Status.UNKNOWN: PlatformStatus.PARTLY_DELIVER,
}


def platform_status(status: Status | None) -> PlatformStatus:
    """The word for a canonical status; None (a channel not tried) reads `send`, which the
    documents define for a channel as "was not sent"."""
    return PlatformStatus.SEND if status is None else _WORDS[status]


def canonical_statuses(word: PlatformStatus | str) -> frozenset[Status]:
    """Every canonical status the word stands for (the mapping read backwards)."""
    word = PlatformStatus(word)
    return frozenset(status for status, mapped in _WORDS.items() if mapped is word)


def message_status(message: Message) -> PlatformStatus:
    """The overall status of a message.

    With finale_viber_read a Viber message delivered but not yet read is not final while a
    channel is left to cascade to: it stays `send` until it is read or its validity ends."""
    current = message.current
    if (message.finale_read and current is not None and current.channel is Channel.VIBER
            and current.status is Status.DELIVERED and message.next_attempt() is not None):
        return PlatformStatus.SEND
    return platform_status(message.status)
