"""Every error IntelTele documents, with its exact text, in one table."""

from __future__ import annotations

from enum import Enum

from ...core.sending import Refusal


class SendError(Enum):
    """Request-level errors of /im/send/ (and /im/status/): {"reply": [{"status": text}]}."""

    WRONG_LOGIN = "error: wrong username/api_key"
    WRONG_API_KEY = "error: wrong api key"
    BRUTEFORCE = "error: bruteforcing detected"
    IP_NOT_ALLOWED = "error: ip not allowed"
    CANT_SEND = "error: can't send message"
    TOO_LONG = "error: message is too long"
    SENDER_BANNED = "error: sender is banned"
    WRONG_SENDER = "error: wrong sender"


class NumberError(Enum):
    """Per-number errors of /im/send/: {"number": ..., "status": text} inside "reply"."""

    BLACKLISTED = "error: number is blacklisted"
    REPEAT = "error: repeat detected"
    UNKNOWN_COUNTRY = "error: can't determine country"
    NO_ROUTE = "error: no route to country"
    LOW_BALANCE = "error: low balance"  # the reply also carries the cost


class AccountError(Enum):
    """Errors of /balance/, /credit/ and /rates/: {key: text, "error": true}."""

    INVALID_AUTH = ("message", "Invalid auth")
    BRUTEFORCE = ("status", "bruteforcing detected")
    IP_NOT_ALLOWED = ("status", "ip not allowed")


class Refused(Exception):
    """IntelTele refuses the whole request: raised anywhere in the edge, answered once
    (`routes.render_refusal`) in the shape of the error's table."""

    def __init__(self, error: SendError | AccountError) -> None:
        super().__init__(error.name)
        self.error = error


NUMBER_ERRORS = {
    Refusal.BLACKLISTED: NumberError.BLACKLISTED,
    Refusal.REPEAT: NumberError.REPEAT,
    Refusal.UNKNOWN_COUNTRY: NumberError.UNKNOWN_COUNTRY,
    Refusal.NO_ROUTE: NumberError.NO_ROUTE,
    Refusal.LOW_BALANCE: NumberError.LOW_BALANCE,
}
