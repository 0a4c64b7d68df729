"""Every error SMSC's HTTP API answers with, per path, with its code and exact description.

Each path has its own closed list; a handler can only name a member of its own path's enum, so
a code from another path's list cannot leak into a reply. A handler refuses by raising
`SmscError` with its member; reply.py renders it (`ERROR = N (...)`, `0,-N`, XML, JSON).

Descriptions: send.php, status.php and balance.php carry the short English texts the live
server writes (captured replies: "authorise error", "no money", "invalid number", ...);
senders.php carries the Russian descriptions of its document, which is the reference for that
path. contract_tests/smsc/README.md says which source each text follows."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from ...core.accounts import AuthFailure
from ...core.sending import Refusal


@dataclass(frozen=True, slots=True)
class ErrorEntry:
    code: int
    description: str
    echoes_id: bool = False  # the reply repeats the message id (send.php 3, 6, 7, 8)


class SendError(Enum):
    """/sys/send.php: 1..9."""

    PARAMETERS = ErrorEntry(1, "parameters error")
    AUTHORISE = ErrorEntry(2, "authorise error")
    NO_MONEY = ErrorEntry(3, "no money", echoes_id=True)
    IP_BLOCKED = ErrorEntry(4, "ip is blocked")
    TIME_FORMAT = ErrorEntry(5, "invalid time format")
    DENIED = ErrorEntry(6, "message is denied", echoes_id=True)
    INVALID_NUMBER = ErrorEntry(7, "invalid number", echoes_id=True)
    CANT_DELIVER = ErrorEntry(8, "can't to deliver", echoes_id=True)
    DUPLICATE = ErrorEntry(9, "duplicate request, wait a minute")


class StatusError(Enum):
    """/sys/status.php: 1, 2, 4, 5 (deleting), 9."""

    PARAMETERS = ErrorEntry(1, "parameters error")
    AUTHORISE = ErrorEntry(2, "authorise error")
    IP_BLOCKED = ErrorEntry(4, "ip is blocked")
    DELETE_FAILED = ErrorEntry(5, "delete error")
    DUPLICATE = ErrorEntry(9, "duplicate request, wait a minute")


class BalanceError(Enum):
    """/sys/balance.php: 1, 2, 4, 9."""

    PARAMETERS = ErrorEntry(1, "parameters error")
    AUTHORISE = ErrorEntry(2, "authorise error")
    IP_BLOCKED = ErrorEntry(4, "ip is blocked")
    TOO_MANY = ErrorEntry(9, "duplicate request, wait a minute")


class SendersError(Enum):
    """/sys/senders.php: 1..5 and 7..11, the descriptions of its document word for word."""

    PARAMETERS = ErrorEntry(1, "Ошибка в параметрах.")
    AUTHORISE = ErrorEntry(2, (
        "Неверный логин или пароль. Также возникает при попытке отправки сообщения с "
        "IP-адреса, не входящего в список разрешенных Клиентом (если такой список был "
        "настроен Клиентом ранее)."))
    SENDER_NOT_FOUND = ErrorEntry(3, "Имя отправителя не найдено.")
    IP_BLOCKED = ErrorEntry(4, "IP-адрес временно заблокирован.")
    SAVE_FAILED = ErrorEntry(5, "Ошибка сохранения или удаления имени отправителя.")
    NUMBER_FORMAT = ErrorEntry(7, "Неверный формат номера.")
    CODE_UNDELIVERABLE = ErrorEntry(8, "Код подтверждения на указанный номер не может быть "
                                       "доставлен.")
    # The document gives error 9 two causes, one paragraph each; the reply names the one met.
    TOO_MANY = ErrorEntry(9, (
        "Попытка отправки более трех одинаковых запросов на получение списка доступных имен "
        "отправителей или пяти запросов на создание нового имени отправителя в течение "
        "минуты."))
    TOO_MANY_CONCURRENT = ErrorEntry(9, (
        "Данная ошибка возникает также при попытке отправки пятнадцати и более запросов "
        "одновременно с разных подключений под одним логином (too many concurrent requests)."))
    CODE_ALREADY_SENT = ErrorEntry(10, "Код уже был отправлен на указанный номер. Повторная "
                                       "попытка возможна через 8 часов.")
    WRONG_CODE = ErrorEntry(11, "Неверный код подтверждения.")


PathError = SendError | StatusError | BalanceError | SendersError


class SmscError(Exception):
    """A refusal: the path's error, and the message id its reply echoes where the path does."""

    def __init__(self, error: PathError, message_id: str = "") -> None:
        super().__init__(f"{error.name} ({error.value.code})")
        self.error = error
        self.message_id = message_id

# How a failed authentication reads on each path: the lock-out is error 4, the rest error 2.
AUTH_ERRORS: dict[type[Enum], dict[AuthFailure, Enum]] = {
    table: {
        AuthFailure.BLOCKED: table.IP_BLOCKED,  # type: ignore[attr-defined]
        AuthFailure.UNKNOWN_LOGIN: table.AUTHORISE,  # type: ignore[attr-defined]
        AuthFailure.WRONG_SECRET: table.AUTHORISE,  # type: ignore[attr-defined]
        AuthFailure.IP_NOT_ALLOWED: table.AUTHORISE,  # type: ignore[attr-defined]
    }
    for table in (SendError, StatusError, BalanceError, SendersError)
}

# Why the core refused a number -> the send.php error when no number of the request got through.
REFUSAL_ERRORS = {
    Refusal.UNKNOWN_COUNTRY: SendError.INVALID_NUMBER,
    Refusal.NO_ROUTE: SendError.CANT_DELIVER,
    Refusal.BLACKLISTED: SendError.DENIED,
    Refusal.REPEAT: SendError.DUPLICATE,
    Refusal.LOW_BALANCE: SendError.NO_MONEY,
    Refusal.DUPLICATE_CLIENT_ID: SendError.PARAMETERS,
}
