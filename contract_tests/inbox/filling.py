"""Messages stored straight through the core's send service, for tests that need thousands."""

from __future__ import annotations

from mockserver.core.billing import Channel
from mockserver.core.messages import ChannelContent
from mockserver.core.sending import Recipient, SendCommand
from mockserver.core.state import MockState

PHONES = ("79001234567", "79001230000", "79161112233", "380501234567", "375291234567")


def fill(state: MockState, count: int, phones: tuple[str, ...] = PHONES) -> None:
    """`count` SMS from SMSC's demo account, cycling over `phones`; text `message <n>`."""
    account = state.accounts.get("smsc", "demo")
    assert account is not None
    account.balance = account.balance + 10 * count
    for n in range(count):
        command = SendCommand(account=account, recipients=[Recipient(phones[n % len(phones)])],
                              contents=[ChannelContent(Channel.SMS, f"message {n}", "SMSC.ru")])
        [result] = state.sending.send(command)
        assert result.accepted, result
