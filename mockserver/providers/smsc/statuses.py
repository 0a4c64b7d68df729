"""Canonical statuses <-> SMSC's numeric message statuses and their `err` codes, in one place.

SMSC reports a status code (-3..25) and, beside it, an error code (`err`, 0 = no error).
`smsc_status` is the one mapping from the core's vocabulary; `canonical_status` is its inverse,
so that the two are tested against each other."""

from __future__ import annotations

from dataclasses import dataclass

from ...core.messages import Status
from ...core.sending import Refusal

NOT_FOUND = -3  # "Сообщение не найдено": no message for that id and phone

# The status names SMSC writes in `status_name` (always Russian, in the reply's charset).
STATUS_NAMES = {
    -3: "Сообщение не найдено",
    -2: "Остановлено",
    -1: "Ожидает отправки",
    0: "Передано оператору",
    1: "Доставлено",
    2: "Прочитано",
    3: "Просрочено",
    4: "Нажата ссылка",
    20: "Невозможно доставить",
    22: "Неверный номер",
    23: "Запрещено",
    24: "Недостаточно средств",
    25: "Недоступный номер",
}

VIRTUAL_SENDING = 200  # err: "Виртуальная отправка (режим тестирования)"


@dataclass(frozen=True, slots=True)
class SmscStatus:
    code: int
    err: int = 0

    @property
    def name(self) -> str:
        return STATUS_NAMES[self.code]


_BY_CANONICAL = {
    Status.QUEUED: SmscStatus(-1),
    Status.SENT: SmscStatus(0),
    Status.DELIVERED: SmscStatus(1),
    Status.READ: SmscStatus(2),
    Status.EXPIRED: SmscStatus(3),
    Status.UNDELIVERED: SmscStatus(20, 6),  # "Абонент не в сети"
    Status.UNKNOWN: SmscStatus(20, 245),  # "Статус не получен"
    Status.REJECTED: SmscStatus(23, 255),  # "Оператор отклонил сообщение..."
    Status.DELETED: SmscStatus(NOT_FOUND),  # a deleted message is gone from the history
}
_BY_SMSC = {value: key for key, value in _BY_CANONICAL.items()}

# A number refused at send time, as the per-number list of `op=1` / `err=1` shows it.
_BY_REFUSAL = {
    Refusal.UNKNOWN_COUNTRY: SmscStatus(22, 249),  # "Неверный формат номера"
    Refusal.NO_ROUTE: SmscStatus(25, 248),  # "Нет маршрута"
    Refusal.BLACKLISTED: SmscStatus(23, 252),  # "Номер запрещен"
    Refusal.REPEAT: SmscStatus(23, 251),  # "Превышен суточный лимит сообщений на один номер"
    Refusal.LOW_BALANCE: SmscStatus(24),
    Refusal.DUPLICATE_CLIENT_ID: SmscStatus(23, 244),  # "Рассылка запрещена"
}


def smsc_status(status: Status, virtual: bool = False) -> SmscStatus:
    """The one mapping from a canonical status to SMSC's code and err."""
    mapped = _BY_CANONICAL[status]
    if virtual and status is Status.SENT:
        # Test mode: handed over virtually; SMSC marks such messages with err 200.
        return SmscStatus(mapped.code, VIRTUAL_SENDING)
    return mapped


def canonical_status(code: int, err: int = 0) -> Status:
    """The inverse of `smsc_status`: which canonical status an SMSC code (and err) stands for."""
    if code == 0 and err == VIRTUAL_SENDING:
        return Status.SENT
    try:
        return _BY_SMSC[SmscStatus(code, err)]
    except KeyError:
        raise ValueError(f"SMSC status {code} with err {err} has no canonical status") from None


def refusal_status(refusal: Refusal) -> SmscStatus:
    return _BY_REFUSAL[refusal]


def accepted_status(scheduled: bool) -> SmscStatus:
    """A number the request accepted: waiting for its time, or handed to the operator."""
    return smsc_status(Status.QUEUED if scheduled else Status.SENT)


# --- sender names (senders.php) -----------------------------------------------------------------
# The registry keeps a word per name (account.sender_ids[].status); senders.php shows a number.
SENDER_PENDING, SENDER_ACTIVE, SENDER_DISABLED = "pending", "active", "disabled"
_SENDER_CODES = {SENDER_PENDING: 0, SENDER_ACTIVE: 1, SENDER_DISABLED: 2}


def sender_status_code(word: str) -> int:
    """0 awaiting moderation, 1 allowed, 2 switched off; a word SMSC has no number for is 0."""
    return _SENDER_CODES.get(word, 0)

