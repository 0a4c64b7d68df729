"""Every error the TargetSMS-family platform answers with, by its exact text, in one table.

The same text serves every wire: GET answers it as the whole plain-text body, JSON as
{"error": text}, XML as <error>text</error> (or as the text of a phone's <information>).
No text carries a trailing newline.

Where the texts come from: the platform's documents (seeds 001 and 003) quote only the
one-minute rule and the unknown-ID status; the rest are the same engine's texts from its
older SMS endpoints (smsgate xmlGateDoc / jsonGateDoc / httpGateDoc), compared byte for byte
by public clients. Texts marked PROPOSAL are nowhere published; they are written in the
platform's style for checks its documents state without giving a reply.
"""

from __future__ import annotations

from enum import Enum

from ...core.sending import Refusal


class TargetError(Enum):
    # --- the request as a whole --------------------------------------------------------------
    NO_POST_DATA = "POST данные отсутствуют"
    BAD_JSON = "Неправильный формат JSON документа"
    BAD_XML = "Неправильный формат XML документа"
    WRONG_LOGIN = "Неправильный логин или пароль"  # JSON and XML
    # The engine's GET scripts have their own wording (attested live on its sendsms.php).
    WRONG_LOGIN_GET = "Неверный логин или пароль"
    REPEATED_REQUEST = (
        "error: Попытка отправки более одного одинакового запроса в течение минуты")

    # --- one message (a GET send, one JSON/XML <message>) ------------------------------------
    NO_CHANNEL = "Не указан способ отправки сообщения."  # PROPOSAL: every send_* is 0
    NO_PHONE = "Укажите номер телефона."
    NO_TEXT = "Нет текста сообщения."
    VIBER_TEXT_TOO_LONG = "Текст VIBER сообщения не должен превышать 1000 символов."  # PROPOSAL
    NO_BUTTON_URL = "Нет ссылки."
    NO_BUTTON_TEXT = "Нет текста кнопки."  # PROPOSAL
    BUTTON_TEXT_TOO_LONG = "Текст кнопки не должен превышать 19 символов."  # PROPOSAL
    IMAGE_WITHOUT_BUTTON = (  # PROPOSAL
        "Для отправки изображения необходимо указать текст и ссылку кнопки.")
    NO_SENDER = "Нет отправителя."
    SENDER_TOO_LONG = ("Отправитель не должен превышать 15 символов для цифровых номеров "
                       "и 11 символов для буквенно-числовых.")
    # The documents print "Нет" capitalised; the clients that match it use lower case.
    UNKNOWN_SENDER = "Такого отправителя нет."
    SENDER_NOT_APPROVED = "Отправитель не прошел модерацию."
    BAD_DATE = "Некорректный формат даты"  # PROPOSAL (the engine's stats.php text)

    # --- one phone -------------------------------------------------------------------------------
    BAD_PHONE = "Номер телефона должен быть меньше 15 символов."
    BLACKLISTED = "Номер телефона присутствует в стоп-листе."
    # Also the answer when VK, not opened for the account, is asked for (the documents: "to open
    # this direction for you, contact your manager").
    ROUTE_CLOSED_FOR_YOU = "Данное направление закрыто для вас."
    ROUTE_CLOSED = "Данное направление закрыто."
    LOW_BALANCE = ("Недостаточно средств для отправки SMS. SMS будет отправлена как только "
                   "вы пополните счет по данному направлению.")
    ALREADY_SENT = "Данное сообщение уже было отправлено."

    # --- status ------------------------------------------------------------------------------
    UNKNOWN_MESSAGE = "Сообщение с таким ID не принималось"

    # The mock's own: only a fault of the mock itself gets it (never a bare 500).
    INTERNAL = "Внутренняя ошибка сервера."


class Refused(Exception):
    """The platform refuses a request (or, inside a JSON or XML document, one message):
    raised where it is found, answered once in the wire's shape."""

    def __init__(self, error: TargetError) -> None:
        super().__init__(error.name)
        self.error = error


# What the core's refusal of one recipient reads as on this platform.
REFUSAL_ERRORS = {
    Refusal.DUPLICATE_CLIENT_ID: TargetError.ALREADY_SENT,
    Refusal.BLACKLISTED: TargetError.BLACKLISTED,
    Refusal.REPEAT: TargetError.REPEATED_REQUEST,
    Refusal.UNKNOWN_COUNTRY: TargetError.ROUTE_CLOSED,
    Refusal.NO_ROUTE: TargetError.ROUTE_CLOSED_FOR_YOU,
    Refusal.LOW_BALANCE: TargetError.LOW_BALANCE,
}
