"""The README's picture of the inbox, taken from a real run: a cascade, a Viber message with
its button, a long SMS with a code, a flagged request. MOCKSERVER_INBOX_SCREENSHOT=docs/inbox.png
writes it where the README reads it."""

from __future__ import annotations

import os
import struct

from .browser import http, open_inbox, send, thread


def test_a_screenshot_of_a_busy_inbox(page, live, tmp_path):
    mock = live.url
    http(mock, "/__admin/reset", method="POST", body={})
    http(mock, "/__admin/rules", method="POST", body={
        "match": {"phone": "79001234567"}, "outcome": {"viber": "undelivered", "sms": "delivered"},
        "after_s": 30})
    send(mock, "smsc", "79161112233",
         mes="Код для входа: 4821. Никому его не сообщайте, даже сотрудникам службы поддержки. "
             "Если вы не запрашивали код, смените пароль в личном кабинете.")
    send(mock, "inteltele", "380501234567", im_message="Ваше замовлення №1042 відправлено",
         im_button_text="Track it")  # no im_button_link: flagged
    send(mock, "inteltele", "380671112233", im_message="Знижка 20% на все до неділі!",
         im_button_text="До магазину", im_button_link="https://shop.example/sale",
         im_image="https://shop.example/sale.png")
    send(mock, "targetsms", "79001234567", text_viber="Ваш заказ №1042 готов к выдаче",
         button_text="Открыть заказ", button_url="https://shop.example/o/1042")
    open_inbox(page, mock)
    page.click("#advance")  # a minute on: the cascade reaches SMS, the rest are delivered
    thread(page, "79001234567").click()
    page.locator("#screen .message").first.click()
    page.locator('#detail .attempt[data-channel="sms"] .attempt-head [data-status="delivered"]').wait_for()
    path = tmp_path / "inbox.png"
    page.screenshot(path=str(path))
    png = path.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (1400, 860)
    wanted = os.environ.get("MOCKSERVER_INBOX_SCREENSHOT")
    if wanted:
        with open(wanted, "wb") as out:
            out.write(png)
