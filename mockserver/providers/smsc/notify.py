"""SMSC's event notifications: an account with a `callback_url` is told of each status change
of its messages and of each incoming message, by `callback_method` (POST by default) as form
fields in SMSC's own names. Pushes go through the core's dispatcher, so failures are retried
on the mock clock (1, 5, 30, 120, 600 s) and logged under /__admin/webhooks.

Status:   id, phone, status, err, time and ts (Unix seconds), cnt (parts), type, sha1
Incoming: id, sms_id (the message answered, when known), phone, mes, to, sent and time (Unix
          seconds), sha1
`sha1` signs the fields with the account's password (`id:phone:status:password`,
`id:phone:mes:to:password`), so that a handler can check where the request came from."""

from __future__ import annotations

import hashlib

from ...core.accounts import Account
from ...core.inbound import InboundMessage
from ...core.messages import ChannelAttempt, Message, Status, StatusChange
from ...core.state import MockState
from .kinds import type_code
from .statuses import smsc_status

PROVIDER = "smsc"
_WIRED = "smsc-notify"


def signature(*fields: str) -> str:
    return hashlib.sha1(":".join(fields).encode("utf-8")).hexdigest()


def status_params(message: Message, attempt: ChannelAttempt, change: StatusChange,
                  account: Account) -> dict[str, str]:
    status = smsc_status(change.status, message.virtual)
    message_id = message.provider_ids.get("id", "")
    at = str(int(change.at.timestamp()))
    return {"id": message_id, "phone": message.phone, "status": str(status.code),
            "err": str(status.err), "time": at, "ts": at, "cnt": str(attempt.parts),
            "type": str(type_code(message)),
            "sha1": signature(message_id, message.phone, str(status.code), account.password)}


def incoming_params(answer: InboundMessage, answered: Message | None, account: Account
                    ) -> dict[str, str]:
    at = str(int(answer.received_at.timestamp()))
    params = {"id": str(answer.id), "phone": answer.phone, "mes": answer.text, "to": answer.to,
              "sent": at, "time": at,
              "sha1": signature(str(answer.id), answer.phone, answer.text, answer.to,
                                account.password)}
    if answered is not None and answered.provider_ids.get("id"):
        params["sms_id"] = answered.provider_ids["id"]
    return params


def wire(state: MockState) -> None:
    """Listen for status changes and answers of SMSC accounts (once per mock)."""
    if state.extensions.get(_WIRED):
        return
    state.extensions[_WIRED] = True

    def account_of(login: str) -> Account | None:
        account = state.accounts.get(PROVIDER, login)
        return account if account is not None and account.callback_url else None

    def on_change(message: Message, attempt: ChannelAttempt, change: StatusChange) -> None:
        account = account_of(message.login) if message.provider == PROVIDER else None
        if account is None or change.status is Status.QUEUED or not message.provider_ids:
            return
        state.callbacks.push(message.id, PROVIDER, account.callback_url,
                             account.callback_method,
                             status_params(message, attempt, change, account))

    def on_answer(answer: InboundMessage) -> None:
        account = account_of(answer.login) if answer.provider == PROVIDER else None
        if account is None:
            return
        answered = state.messages.get(answer.reply_to) if answer.reply_to else None
        state.callbacks.push(f"inbound-{answer.id}", PROVIDER, account.callback_url,
                             account.callback_method, incoming_params(answer, answered, account))

    state.simulator.listeners.append(on_change)
    state.inbound.listeners.append(on_answer)
