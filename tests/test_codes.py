"""One-time codes in real-world message texts: what a test would type, and what is not a code."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mockserver.core.codes import extract_codes

CODES = [
    # Russian
    ("Ваш код: 4821", ["4821"]),
    ("Код подтверждения 123-456. Никому не сообщайте его.", ["123456"]),
    ("Код для входа: 735 912", ["735912"]),
    ("Пароль для входа в личный кабинет: 83920", ["83920"]),
    ("1234 — ваш код для входа в приложение", ["1234"]),
    ("Никому не сообщайте код! Код: 908172", ["908172"]),
    ("Ваш одноразовый пароль 55210. Срок действия 5 минут", ["55210"]),
    ("Код подтверждения заказа: 4567", ["4567"]),
    ("Ваш заказ №123456 оплачен. Код для получения: 8842", ["8842"]),
    ("Списание 1500 руб. с карты *4417. Код: 3391", ["3391"]),
    ("Введите код 2468 на сайте shop.ru, чтобы подтвердить оплату 990,00 ₽", ["2468"]),
    ("Пин-код: 0042", ["0042"]),
    ("Ваш PIN 8812", ["8812"]),
    ("Яндекс ID: 462019 — код подтверждения. Никому его не говорите", ["462019"]),
    ("Ваш код 5521 для заказа 7788", ["5521"]),
    ("Код: X7K2P9", ["X7K2P9"]),
    ("Для входа в Госуслуги введите 771204", ["771204"]),
    # Ukrainian
    ("Ваш код підтвердження: 4821", ["4821"]),
    ("Код для входу в Дію: 120934", ["120934"]),
    ("Пароль: 8472. Нікому не повідомляйте його", ["8472"]),
    ("Ваш одноразовий пароль 5521 для оплати 250.00 грн", ["5521"]),
    ("Ніколи не повідомляйте цей код. Код: 123 456", ["123456"]),
    ("Код підтвердження операції 998877 на суму 1200 грн", ["998877"]),
    ("Monobank: код 4417-9921", ["44179921"]),
    # English
    ("Your verification code is 482913", ["482913"]),
    ("123456 is your Facebook code", ["123456"]),
    ("Your OTP is 6543. Do not share it with anyone.", ["6543"]),
    ("Your PIN: 2580", ["2580"]),
    ("Amazon: Your code is 123-456. Don't share it.", ["123456"]),
    ("G-582931 is your Google verification code.", ["582931"]),
    ("Use 7733 as your login code. It expires in 10 minutes.", ["7733"]),
    ("Your one-time password: 99887766", ["99887766"]),
    ("Your Uber code: 1234. Never share this code. Reply STOP to unsubscribe.", ["1234"]),
    ("Your account security code is 4455 for order 123456", ["4455"]),
    ("WhatsApp code 123-456 You can also tap on this link to verify your phone", ["123456"]),
    ("Your 2FA code: 551199", ["551199"]),
    ("Welcome! 4096", ["4096"]),
]

NOT_CODES = [
    # order numbers
    ("Ваш заказ 12345 принят", []),
    ("Заказ №123456 передан в доставку", []),
    ("Замовлення №45678 на суму 1200 грн відправлено", []),
    ("Order #12345 has shipped", []),
    ("Your order 987654 has been delivered", []),
    ("Номер заказа: 556677. Спасибо за покупку", []),
    # sums and balances
    ("Оплата 2500 руб. прошла успешно", []),
    ("Списано 125 000 ₽, остаток 4500", []),
    ("Payment of $1234 received", []),
    ("Balance: 12345 USD", []),
    ("Зачислено 1 500,50 грн", []),
    ("Скидка 1000 рублей на следующий заказ", []),
    # dates and times
    ("Ваша запись на 12.05.2024 в 15:30", []),
    ("Your appointment is on 12/05/2024 at 15:30", []),
    ("Акция действует до 31 декабря 2025 года", []),
    ("Delivery on 2024-05-12", []),
    ("Прием 2026 года перенесен", []),
    # phone numbers
    ("Позвоните нам: +7 (900) 123-45-67", []),
    ("Горячая линия 8 800 555 35 35", []),
    ("Телефонуйте: 050 123 45 67", []),
    ("Call us at +1 (800) 555-1234", []),
    ("Справки по телефону 555-35-35", []),
    # URLs and addresses
    ("Подробнее: https://example.com/r/123456", []),
    ("Visit www.shop.com/promo/2024 for details", []),
    ("Трек: https://track.ru/?id=77889900", []),
    ("Write to support1234@mail.ru", []),
    # promo codes, cards and other look-alikes
    ("Промокод SALE2024 на скидку 10%", []),
    ("Use promo code SUMMER20 at checkout", []),
    ("Покупка 1500р. Карта *1234. Баланс 23000р", []),
    ("Рейс SU1234 задерживается", []),
    ("Почтовый индекс 123456", []),
    ("", []),
    ("Привет! Как дела?", []),
]


@pytest.mark.parametrize(("text", "codes"), CODES + NOT_CODES,
                         ids=[text[:40] for text, _ in CODES + NOT_CODES])
def test_codes_as_a_person_would_type_them(text, codes):
    assert extract_codes(text) == codes


def test_the_table_holds_at_least_forty_phrasings_with_negatives():
    assert len(CODES) >= 30 and len(NOT_CODES) >= 25


def test_keyword_marked_codes_come_before_a_lone_group():
    assert extract_codes("Вход 5555. Ваш код: 1234") == ["1234", "5555"]


def test_the_same_code_twice_is_listed_once():
    assert extract_codes("Код 1234. Повторяем: код 1234") == ["1234"]


@given(st.text(max_size=200))
def test_any_text_gives_codes_of_four_to_eight_characters(text):
    for code in extract_codes(text):
        assert 4 <= len(code) <= 8 and code.isalnum()


@given(st.from_regex(r"\d{4,8}", fullmatch=True))
def test_a_code_after_a_code_word_is_found_whatever_its_digits(code):
    assert extract_codes(f"Ваш код: {code}") == [code]


@given(st.from_regex(r"9\d{9}", fullmatch=True),
       st.sampled_from(["+7 ({a}) {b}-{c}-{d}", "8 {a} {b} {c} {d}", "+7{a}{b}{c}{d}",
                        "8-{a}-{b}-{c}-{d}", "+38 0{a2} {b} {c} {d}"]))
def test_a_phone_number_is_never_a_code(number, layout):
    a, b, c, d = number[:3], number[3:6], number[6:8], number[8:]
    text = "Звоните: " + layout.format(a=a, a2=a[1:], b=b, c=c, d=d)
    assert extract_codes(text) == []


@given(st.integers(1000, 99_999_999), st.sampled_from(["руб.", "₽", "грн", "UAH", "USD", "%"]))
def test_a_sum_is_never_a_code(amount, currency):
    assert extract_codes(f"Списано {amount} {currency}") == []


@given(st.dates())
def test_a_date_is_never_a_code(day):
    for text in (day.strftime("%d.%m.%Y"), day.isoformat(), day.strftime("%d/%m/%Y")):
        assert extract_codes(f"Запись на {text}") == []
