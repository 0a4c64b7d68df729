"""Driving the inbox in a browser: requests to the mock on its socket, and the page's parts."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request

DEMO = {
    "inteltele": ("/im/send/", {"username": "demo", "api_key": "demo", "im_message": "Hi"}, "to"),
    "targetsms": ("/sendmessage.php", {"login": "demo", "password": "demo", "send_viber": "1",
                                       "sender_viber": "Shop", "text_viber": "Ваш заказ готов",
                                       "send_sms": "2", "sender_sms": "Shop",
                                       "text_sms": "Заказ готов"}, "phone"),
    "smsc": ("/sys/send.php", {"login": "demo", "psw": "demo", "mes": "Код 4821", "fmt": "3",
                               "charset": "utf-8"}, "phones"),
}


def http(base: str, path: str, params: dict | None = None, method: str = "GET",
         body: dict | None = None) -> bytes:
    url = base + path + ("?" + urllib.parse.urlencode(params) if params else "")
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read()


def send(base: str, provider: str, phone: str, **extra: str) -> bytes:
    path, params, phone_field = DEMO[provider]
    return http(base, path, {**params, phone_field: phone, **extra})


def thread(page, phone: str):
    return page.locator(f'#threads [data-phone="{phone}"]')


def open_inbox(page, base: str, query: str = "") -> None:
    page.goto(base + "/__admin/inbox" + query)
    page.wait_for_selector("#live.on")
    page.evaluate("window.notReloaded = true")  # gone if the page ever reloads


def still_the_same_page(page) -> bool:
    return page.evaluate("window.notReloaded === true")


def expect(page):
    """Playwright's `expect`, imported where a browser test runs (playwright may be absent)."""
    from playwright.sync_api import expect as playwright_expect
    return playwright_expect
