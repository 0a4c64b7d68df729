"""One-time codes in a message's text, as a person would type them (`123-456` -> "123456").

A group of 4-8 digits is a code when a code word ("код", "пароль", "code", "PIN", "OTP"...)
stands next to it in the same sentence; such codes come first. A group with no word of either
kind next to it follows. Everything else that is made of digits but is not a code is set
aside first: phone numbers, URLs and e-mail addresses, dates and times, sums, decimals, and
numbers that an order, an amount, a card or a postal word names ("заказ №12345").
"""

from __future__ import annotations

import functools
import re

_SPAN = 40  # how far (characters) a word reaches to the number it names

# Code words, with the modifiers that keep a phrase a code phrase ("код подтверждения заказа").
_CODE_WORD = (
    r"(?<![\w-])(?<!promo )(?<!promo-)(?<!zip )(?<!postal )(?<!country )(?<!area )"
    r"(?:код(?:а|ом|у)?|пароль|пароля|паролем|пин(?:-код)?|one-time|passcode|password|"
    r"code|pin|otp|2fa)"
    r"(?:\s+(?:подтверждения|підтвердження|для\s+входа|для\s+входу|доступа|доступу|"
    r"авторизации|авторизації|верификации|заказа|замовлення|оплаты|оплати|операции|"
    r"операції))*(?![\w-])"
)
# Words that name a number that is not a code: orders, sums, balances, cards, places, tickets.
_OTHER_WORD = (
    r"(?<![\w-])(?:заказ\w*|замовлен\w*|order|invoice|сч[её]т\w*|рахун\w*|заявк\w*|"
    r"ticket|билет\w*|квиток|посылк\w*|посилк\w*|отправлени\w*|tracking|трек\w*|"
    r"сумм\w*|сум[уа]|amount|total|баланс\w*|balance|остаток|залишок|списан\w*|"
    r"карт[аыеуи]\w*|картк\w*|card|индекс|індекс|zip|postal|index|"
    r"№|#|no\.|номер\w*|number|договор\w*|рейс\w*|flight|квартир\w*|кв\.|дом|буд\.?)"
    r"(?![\w-])"
)
_SENTENCE_END = re.compile(r"[.!?;\n](?:\s|$)")

_MONTH = (r"(?:янв|фев|мар|апр|ма[йя]|июн|июл|авг|сен|окт|ноя|дек|січ|лют|бер|кві|тра|чер|"
          r"лип|сер|вер|жов|лис|гру|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?")
_CURRENCY = (r"(?:руб\w*|р\.|₽|грн\w*|гривен\w*|коп\w*|uah|rub|usd|eur|kzt|тенге|₸|\$|€|"
             r"долл\w*|dollars?|euros?|євро|евро|%)")
# Spans whose digits are never a code.
_NOT_CODES = (
    r"(?:https?://|www\.)\S+",  # URLs
    r"\b[\w.-]+\.(?:ru|ua|com|net|org|io|me|рф|su|by|kz)(?:/\S*)?",  # bare domains and paths
    r"\S+@\S+",  # e-mail addresses
    r"\b\d{3}-\d{2}-\d{2}\b",  # city numbers: 555-35-35
    r"\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b",  # dates: 12.05.2024, 2024-05-12, 12/05/24
    r"\b\d{1,2}[./]\d{1,2}\b",  # 12.05, 12/05
    r"\b\d{1,2}:\d{2}(?::\d{2})?\b",  # times
    r"\d+[.,]\d+",  # decimals and prices
    r"\b\d{1,2}\s+" + _MONTH + r"(?:\s+\d{4})?",  # 12 мая 2024
    _MONTH + r",?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}",  # May 12, 2024
    _MONTH + r"\s+\d{4}",  # May 2024
    r"\b(?:19|20)\d{2}\s*(?:г\.|года?|году|року|р\.|рік|year)",  # 2024 года
    r"(?:\$|€|₽|usd|eur|uah|rub)\s*\d[\d\s]*",  # $1234, USD 1234
    r"\d(?:[\d\s]*\d)?\s*" + _CURRENCY + r"(?!\w)",  # 1500 руб, 125 000 ₽, 50%
    r"[*•·]+\s*\d+",  # masked card numbers: *1234, ••1234
)
# A run of digits, spaces, hyphens and brackets is a phone number when it holds 10+ digits.
_PHONE = re.compile(r"\+?\(?\d[\d\s()\-]{8,}\d")
_PHONE_DIGITS = 10

# A code as written: 4-8 digits, or 3+3 / 4+4 with a hyphen or a space, or an alphanumeric
# code (letters and at least one digit) that only counts beside a code word.
_CANDIDATE = re.compile(
    r"(?:(?<=\b[A-Z]-)|(?<![\w.,/:#№*+@=&?-]))"
    r"(\d{3}[- ]\d{3}|\d{4}[- ]\d{4}|\d{4,8}|(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{4,8})"
    r"(?![\w]|[.,/:-]\d)"
)


@functools.cache
def _words(pattern: str) -> re.Pattern[str]:
    """A pattern above, compiled on first use: caseless Cyrillic makes them slow to compile
    (about 10 ms together), and a mock that is starting needs none of them yet."""
    return re.compile(pattern, re.IGNORECASE)


def _excluded(text: str) -> list[tuple[int, int]]:
    spans = [match.span() for pattern in _NOT_CODES for match in _words(pattern).finditer(text)]
    spans += [match.span() for match in _PHONE.finditer(text)
              if sum(ch.isdigit() for ch in match.group()) >= _PHONE_DIGITS]
    return spans


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence around [start, end)."""
    left = 0
    for stop in _SENTENCE_END.finditer(text, 0, start):
        left = stop.end()
    after = _SENTENCE_END.search(text, end)
    return left, after.start() if after else len(text)


def _nearest_word(text: str, start: int, end: int, code_words, other_words) -> str | None:
    """'code' or 'other': which kind of word names the number at [start, end), if any.

    A word before the number is looked at first (nearest wins), then a word after it."""
    left, right = _clause(text, start, end)
    before = [(w_end, kind) for w_start, w_end, kind in (*code_words, *other_words)
              if left <= w_start and w_end <= start and start - w_end <= _SPAN]
    if before:
        return max(before)[1]
    after = [(w_start, kind) for w_start, w_end, kind in (*code_words, *other_words)
             if end <= w_start and w_end <= right and w_start - end <= _SPAN]
    return min(after)[1] if after else None


def extract_codes(text: str) -> list[str]:
    """The one-time codes in `text`: code-word ones first, then lone digit groups."""
    excluded = _excluded(text)
    code_words = [(m.start(), m.end(), "code") for m in _words(_CODE_WORD).finditer(text)]
    other_words = [(m.start(), m.end(), "other") for m in _words(_OTHER_WORD).finditer(text)
                   if not any(s <= m.start() < e for s, e, _ in code_words)]
    marked: list[str] = []
    lone: list[str] = []
    for match in _CANDIDATE.finditer(text):
        start, end = match.span(1)
        if any(s < end and start < e for s, e in excluded):
            continue
        if any(s < end and start < e for s, e, _ in code_words):
            continue  # the code word itself ("2FA")
        code = re.sub(r"[- ]", "", match.group(1))
        kind = _nearest_word(text, start, end, code_words, other_words)
        if kind == "code":
            marked.append(code)
        elif kind is None and code.isdigit():
            lone.append(code)
    return list(dict.fromkeys(marked + lone))
