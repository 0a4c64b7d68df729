"""Accepting a send: the per-recipient checks every provider makes, pricing and charging the
first channel, storing the message and handing it to the network."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from .accounts import Account
from .billing import Channel, Pricing
from .clock import Clock
from .dedup import RepeatGuard
from .delivery import DeliverySimulator
from .messages import NO_META, ChannelAttempt, ChannelContent, Message
from .phones import PhoneAnalyzer, PhoneInfo
from .store import MessageStore


@dataclass(slots=True)
class Recipient:
    phone: str
    client_id: str = ""


@dataclass(slots=True)
class SendCommand:
    account: Account
    recipients: list[Recipient]
    contents: list[ChannelContent]  # in cascade order
    scheduled_at: datetime | None = None
    finale_read: bool = False
    virtual: bool = False  # test mode: priced, never charged or delivered
    name_delivery: str = ""
    repeat_per_number: bool = False  # refuse the same text to the same number within a minute
    meta: dict[str, Any] = field(default_factory=dict)
    # Gives each accepted message the ids the provider hands to the client.
    provider_ids: Callable[[Message], dict[str, str]] | None = None


class Refusal(StrEnum):
    DUPLICATE_CLIENT_ID = "duplicate_client_id"
    BLACKLISTED = "blacklisted"
    REPEAT = "repeat"
    UNKNOWN_COUNTRY = "unknown_country"
    NO_ROUTE = "no_route"
    LOW_BALANCE = "low_balance"


@dataclass(frozen=True, slots=True)
class RecipientResult:
    recipient: Recipient
    message: Message | None = None  # the accepted message, or the earlier one a client id names
    refusal: Refusal | None = None
    # The price of the first channel: charged (accepted; a scheduled message is charged when it
    # goes out), or what it would have cost (low balance).
    cost: Decimal | None = None
    phone_info: PhoneInfo | None = None

    @property
    def accepted(self) -> bool:
        return self.refusal is None


_MAILBOX = re.compile(r"[^@\s,;]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,63}")


def mailbox(address: str) -> PhoneInfo | None:
    """An e-mail recipient: no country or operator; its rate is the mail channel's "" entry."""
    address = address.strip()
    return PhoneInfo(address, "", "", "") if _MAILBOX.fullmatch(address) else None


class SendService:
    def __init__(self, clock: Clock, store: MessageStore, analyzer: PhoneAnalyzer,
                 pricing: Pricing, simulator: DeliverySimulator, repeats: RepeatGuard) -> None:
        self.clock = clock
        self.store = store
        self.analyzer = analyzer
        self.pricing = pricing
        self.simulator = simulator
        self.repeats = repeats

    def send(self, command: SendCommand) -> list[RecipientResult]:
        return [self._send_one(command, recipient) for recipient in command.recipients]

    def quote(self, command: SendCommand) -> list[RecipientResult]:
        """The same checks and prices as `send`, with nothing stored or charged."""
        return [self._check(command, recipient) for recipient in command.recipients]

    def _check(self, command: SendCommand, recipient: Recipient,
               repeat_key: tuple | None = None) -> RecipientResult:
        account = command.account
        if recipient.client_id:
            earlier = self.store.by_client_id(account.provider, account.login, recipient.client_id)
            if earlier is not None:
                return RecipientResult(recipient, earlier, Refusal.DUPLICATE_CLIENT_ID)
        if recipient.phone in account.blacklist:
            return RecipientResult(recipient, refusal=Refusal.BLACKLISTED)
        if command.repeat_per_number and self.repeats.is_repeat(
                repeat_key or self._repeat_key(command, recipient)):
            return RecipientResult(recipient, refusal=Refusal.REPEAT)
        first = command.contents[0]
        info = (mailbox(recipient.phone) if first.channel is Channel.MAIL
                else self.analyzer.analyze(recipient.phone))
        if info is None:
            return RecipientResult(recipient, refusal=Refusal.UNKNOWN_COUNTRY)
        cost = self.pricing.quote(account, first.channel, info.country, info.mnc,
                                  first.billed_parts)
        if cost is None or (info.country and not account.routes_to(info.country)):
            return RecipientResult(recipient, refusal=Refusal.NO_ROUTE, phone_info=info)
        if not command.virtual and not account.can_afford(cost):
            return RecipientResult(recipient, refusal=Refusal.LOW_BALANCE, cost=cost,
                                   phone_info=info)
        return RecipientResult(recipient, cost=cost, phone_info=info)

    def send_quoted(self, command: SendCommand, quoted: list[RecipientResult]
                    ) -> list[RecipientResult]:
        """Carry out what `quote` just found for this command, nothing having happened in
        between: each accepted recipient is stored, charged and handed on without being
        checked a second time (a provider that quotes a whole request before sending it)."""
        return [self._accept(command, result) if result.accepted else result
                for result in quoted]

    def _send_one(self, command: SendCommand, recipient: Recipient) -> RecipientResult:
        repeat_key = self._repeat_key(command, recipient) if command.repeat_per_number else None
        result = self._check(command, recipient, repeat_key)
        if not result.accepted:
            return result
        return self._accept(command, result, repeat_key)

    def _accept(self, command: SendCommand, result: RecipientResult,
                repeat_key: tuple | None = None) -> RecipientResult:
        recipient, info, cost = result.recipient, result.phone_info, result.cost
        if repeat_key is None and command.repeat_per_number:
            repeat_key = self._repeat_key(command, recipient)
        assert info is not None and cost is not None
        message = self._new_message(command, recipient, info)
        if command.virtual:
            ChannelAttempt(message, 0).cost = cost  # priced, never charged
        elif not self._deferred(command):
            # Charged at hand-off: now, or (scheduled) when the network takes it.
            ChannelAttempt(message, 0).cost = cost
            command.account.charge(cost)
        if command.provider_ids is not None:
            message.provider_ids = command.provider_ids(message)
        self.store.add(message)
        if repeat_key is not None:
            self.repeats.remember(repeat_key)
        self.simulator.submit(message)
        return RecipientResult(recipient, message, cost=cost, phone_info=info)

    def _deferred(self, command: SendCommand) -> bool:
        return command.scheduled_at is not None and command.scheduled_at > self.clock.now()

    def _new_message(self, command: SendCommand, recipient: Recipient, info: PhoneInfo
                     ) -> Message:
        account = command.account
        return Message(
            self.store.new_id(), str(account.provider), account.login, info.number,
            info.country, info.mcc, info.mnc, self.clock.now(), command.contents,
            client_id=recipient.client_id, name_delivery=command.name_delivery,
            scheduled_at=command.scheduled_at, finale_read=command.finale_read,
            virtual=command.virtual, meta=dict(command.meta) if command.meta else NO_META,
        )

    @staticmethod
    def _repeat_key(command: SendCommand, recipient: Recipient) -> tuple:
        account = command.account
        return ("number", str(account.provider), account.login, recipient.phone,
                tuple(content.fingerprint() for content in command.contents))
