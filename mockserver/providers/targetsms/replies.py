"""What a reply says, before any wire spells it: each phone's outcome, each message's state,
the platform's ids and its way of writing money and time."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from ...core.billing import Channel
from ...core.messages import Message
from ...core.sending import SendService
from ...core.store import MessageStore
from .commands import SendPlan
from .errors import REFUSAL_ERRORS, TargetError
from .statuses import message_status, platform_status

PROVIDER = "targetsms"
# Each id has its own counter; the ranges keep the kinds apart, so that an id_sms can never be
# taken for an id_message. The first id_message is the documents' example.
ID_STARTS = {"id_message": 1179038981, "id_viber": 2179038981, "id_sms": 3179038981,
             "id_vk": 4179038981}
CHANNEL_IDS = (("id_viber", Channel.VIBER), ("id_sms", Channel.SMS), ("id_vk", Channel.VK))
TIME_FORMAT = "%Y-%m-%d %H:%M:%S"
NOT_SENT = "0"  # the documents' id (and price, and part count) of a channel not used


def id_allocator(store: MessageStore) -> Callable[[Message], dict[str, str]]:
    """Gives an accepted message its id_message, and every channel of its cascade its id up
    front (the send reply already names id_viber, id_sms and id_vk)."""
    def allocate(message: Message) -> dict[str, str]:
        ids = {"id_message": _next(store, "id_message")}
        for attempt in message.channels:
            key = f"id_{attempt.channel}"
            attempt.provider_id = ids[key] = _next(store, key)
        return ids
    return allocate


def _next(store: MessageStore, kind: str) -> str:
    return str(store.next_number(f"{PROVIDER}.{kind}", start=ID_STARTS[kind]))


def find_message(store: MessageStore, login: str, id_message: str) -> Message | None:
    for message in store.by_provider_id(id_message, PROVIDER, login):
        if message.provider_ids.get("id_message") == id_message:
            return message
    return None


def money(amount: Decimal | None) -> str:
    """Prices as the platform's PHP prints them: no trailing zeros ("0.2", "1.45", "0")."""
    if amount is None or amount == 0:
        return "0"
    return format(amount.normalize(), "f")


def local_time(instant: datetime, zone: ZoneInfo) -> str:
    return instant.astimezone(zone).strftime(TIME_FORMAT)


@dataclass(frozen=True, slots=True)
class PhoneOutcome:
    """One recipient of a message: the message sent to it, or the error it got."""

    phone: str
    client_id: str
    message: Message | None = None
    error: TargetError | None = None

    @property
    def id_message(self) -> str:
        return self.message.provider_ids["id_message"] if self.message is not None else ""

    def channel_ids(self) -> dict[str, str]:
        """id_viber, id_sms, id_vk in the documents' JSON order; "0" for a channel not used."""
        ids = self.message.provider_ids if self.message is not None else {}
        return {key: ids.get(key, NOT_SENT) for key, _ in CHANNEL_IDS}

    @property
    def count_message(self) -> str:
        """Parts of the message on its first channel (the documents: "in the first direction")."""
        return str(self.message.channels[0].parts) if self.message is not None else NOT_SENT


@dataclass(frozen=True, slots=True)
class MessageReply:
    """One message of a JSON or XML send: each phone's outcome, or the error refusing it."""

    outcomes: list[PhoneOutcome] = field(default_factory=list)
    error: TargetError | None = None


def run_send(plan: SendPlan, sending: SendService, store: MessageStore) -> list[PhoneOutcome]:
    """Send what passes; every recipient gets an outcome, in the order they were given."""
    plan.command.provider_ids = id_allocator(store)
    results = iter(sending.send(plan.command))
    outcomes = []
    for position, abonent in enumerate(plan.abonents):
        phone, client_id = abonent.phone.strip(), abonent.client_id.strip()
        error = plan.refused.get(position)
        if error is None:
            result = next(results)
            if result.refusal is not None:
                error = REFUSAL_ERRORS[result.refusal]
            else:
                outcomes.append(PhoneOutcome(phone, client_id, result.message))
                continue
        outcomes.append(PhoneOutcome(phone, client_id, error=error))
    return outcomes


@dataclass(frozen=True, slots=True)
class StateRow:
    """A message's state in the documents' field order (every value a string)."""

    id_message: str
    time_change_state: str
    state: str
    state_sms: str
    state_viber: str
    state_vk: str
    num_parts_sms: str
    price_sms: str
    price_viber: str
    price_vk: str


def state_row(id_message: str, message: Message | None, zone: ZoneInfo) -> StateRow:
    if message is None:
        # The documents: time_change_state is empty when no message has the ID, and the
        # state is the error text.
        return StateRow(id_message, "", TargetError.UNKNOWN_MESSAGE.value, "", "", "",
                        NOT_SENT, NOT_SENT, NOT_SENT, NOT_SENT)
    sms, viber, vk = (message.attempt(channel) for channel in (Channel.SMS, Channel.VIBER,
                                                               Channel.VK))
    return StateRow(
        id_message=id_message,
        time_change_state=local_time(message.changed_at, zone),
        state=message_status(message),
        state_sms=platform_status(sms.status if sms else None),
        state_viber=platform_status(viber.status if viber else None),
        state_vk=platform_status(vk.status if vk else None),
        # "the number of SMS parts, if an SMS was sent"
        num_parts_sms=str(sms.parts) if sms is not None and sms.started else NOT_SENT,
        price_sms=money(sms.cost if sms else None),
        price_viber=money(viber.cost if viber else None),
        price_vk=money(vk.cost if vk else None),
    )
