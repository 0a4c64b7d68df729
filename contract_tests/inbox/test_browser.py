"""The inbox in headless Chromium: what is sent through each provider shows up at once,
without a reload; forcing an outcome changes the status; violations are flagged; the
filters narrow the list; the empty state teaches the first request."""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import time

import pytest

from mockserver.web import detail as detail_module

from .browser import expect, http, open_inbox, send, still_the_same_page, thread

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.mark.parametrize("provider, phone", [("inteltele", "380501234567"),
                                             ("targetsms", "79001234567"),
                                             ("smsc", "79161112233")])
def test_a_message_sent_through_each_provider_appears_within_a_second(page, mock, provider,
                                                                      phone):
    open_inbox(page, mock)
    started = time.monotonic()
    send(mock, provider, phone)
    thread(page, phone).wait_for(timeout=1000)
    assert time.monotonic() - started < 1
    row = thread(page, phone)
    expect(page)(row.locator(".status")).to_have_text("sent")
    expect(page)(row).to_contain_text(provider)
    assert still_the_same_page(page)


def test_the_phone_screen_shows_each_channel_as_the_recipient_sees_it(page, mock):
    http(mock, "/__admin/rules", method="POST", body={
        "match": {"phone": "79001234567"}, "outcome": {"viber": "undelivered", "sms": "delivered"},
        "after_s": 1})
    open_inbox(page, mock)
    send(mock, "targetsms", "79001234567", button_text="Open", button_url="http://shop.test/",
         image_url="http://shop.test/a.png")
    thread(page, "79001234567").click()
    bubble = page.locator("#screen .bubble.viber")
    expect(page)(bubble).to_contain_text("Ваш заказ готов")
    expect(page)(bubble.locator(".button")).to_have_text("Open")
    expect(page)(bubble.locator("img, .image-missing")).to_have_count(1)
    page.click("#advance")  # 60 s on the mock's clock: Viber fails, the SMS is delivered
    sms = page.locator("#screen .bubble.sms")
    expect(page)(sms).to_contain_text("Заказ готов")
    expect(page)(sms).to_contain_text("1 part")
    expect(page)(sms.locator(".status")).to_have_text("delivered")
    expect(page)(bubble.locator(".status")).to_have_text("undelivered")
    expect(page)(page.locator("#clock")).to_contain_text("09:01:00")
    assert still_the_same_page(page)


def test_forcing_an_outcome_changes_the_status_everywhere(page, mock):
    open_inbox(page, mock)
    send(mock, "inteltele", "380501234567")
    thread(page, "380501234567").click()
    page.locator("#screen .message").first.click()
    page.locator('#detail .attempt[data-channel="viber"] [data-force="undelivered"]').click()
    expect(page)(thread(page, "380501234567").locator(".status")).to_have_text("undelivered")
    expect(page)(page.locator("#screen .message-head .status")).to_have_text("undelivered")
    timeline = page.locator('#detail .attempt[data-channel="viber"] .timeline li')
    expect(page)(timeline).to_have_count(2)
    expect(page)(timeline.nth(1)).to_contain_text("undelivered")


def test_a_status_change_made_elsewhere_shows_without_reload(page, mock):
    open_inbox(page, mock)
    send(mock, "smsc", "79161112233")
    thread(page, "79161112233").wait_for()
    http(mock, "/__admin/clock", method="POST", body={"advance": 10})
    expect(page)(thread(page, "79161112233").locator(".status")).to_have_text(
        "delivered", timeout=1000)
    assert still_the_same_page(page)


def test_a_violation_is_flagged_in_the_list_and_explained_in_detail(page, mock):
    open_inbox(page, mock)
    send(mock, "inteltele", "380501234567", im_button_text="Open the shop")  # no link
    row = thread(page, "380501234567")
    expect(page)(row.locator(".flag")).to_be_visible(timeout=1000)
    expect(page)(page.locator("header #violations")).to_have_text("⚠ 1 violation")
    row.click()
    page.locator("#screen .message").first.click()
    rule = page.locator('#detail .violations [data-rule="button_without_pair"]')
    expect(page)(rule).to_contain_text("im_button_text")
    expect(page)(rule).to_contain_text("im_button_link")


def test_filtering_by_phone_asks_the_server_and_keeps_pushing(page, mock):
    for phone in ("79001234567", "79161112233", "380501234567"):
        send(mock, "smsc", phone)
    open_inbox(page, mock)
    expect(page)(page.locator("#threads .thread")).to_have_count(3)
    with page.expect_request(lambda r: "phone_prefix=%2B380" in r.url):
        page.fill('input[name="phone_prefix"]', "+380")
    expect(page)(page.locator("#threads .thread")).to_have_count(1)
    expect(page)(thread(page, "380501234567")).to_be_visible()
    page.wait_for_selector("#live.on")
    send(mock, "smsc", "79001230000")  # filtered out
    send(mock, "smsc", "380671234567", mes="another")
    thread(page, "380671234567").wait_for(timeout=1000)
    expect(page)(page.locator("#threads .thread")).to_have_count(2)


def test_the_other_filters_narrow_the_list(page, mock):
    send(mock, "smsc", "79001234567", mes="Ваш код 1234")
    send(mock, "inteltele", "380501234567")
    open_inbox(page, mock)
    expect(page)(page.locator("#threads .thread")).to_have_count(2)
    page.select_option('select[name="provider"]', "inteltele")
    expect(page)(page.locator("#threads .thread")).to_have_count(1)
    page.select_option('select[name="provider"]', "")
    page.fill('input[name="text"]', "КОД")
    expect(page)(page.locator("#threads .thread")).to_have_count(1)
    expect(page)(thread(page, "79001234567")).to_be_visible()
    page.fill('input[name="text"]', "")
    page.select_option('select[name="channel"]', "viber")
    expect(page)(page.locator("#threads .thread")).to_have_count(1)
    expect(page)(thread(page, "380501234567")).to_be_visible()
    page.select_option('select[name="status"]', "delivered")
    expect(page)(page.locator("#nothing")).to_be_visible()


def test_the_empty_state_shows_a_first_curl_that_works(page, mock):
    open_inbox(page, mock)
    commands = page.locator("#empty [data-curl]")
    expect(page)(commands).to_have_count(3)
    texts = commands.all_text_contents()
    assert all(mock in text for text in texts)
    if shutil.which("curl") is None:
        pytest.skip("no curl to run the commands shown")
    for text in texts:
        argv = shlex.split(text.replace("\\\n", " "))
        assert subprocess.run(argv, capture_output=True, timeout=10).returncode == 0
    expect(page)(page.locator("#threads .thread")).to_have_count(3)  # three phones
    expect(page)(page.locator("#empty")).to_be_hidden()
    sent = json.loads(http(mock, "/__admin/messages"))["messages"]
    assert sorted(m["provider"] for m in sent) == ["inteltele", "smsc", "targetsms"]


def test_clear_all_forgets_everything_and_shows_the_empty_state(page, mock):
    send(mock, "smsc", "79001234567")
    open_inbox(page, mock)
    expect(page)(page.locator("#threads .thread")).to_have_count(1)
    page.click("#clear")
    expect(page)(page.locator("#empty")).to_be_visible()
    assert json.loads(http(mock, "/__admin/messages"))["messages"] == []
    assert json.loads(http(mock, "/__admin/requests"))["requests"] == []


def test_one_time_codes_have_a_copy_button(page, mock, monkeypatch):
    real_view = detail_module.message_view

    def with_codes(message):  # the control plane's `codes`, as the test kit gives them
        view = real_view(message)
        return view | {"codes": view.get("codes") or ["4821"]}

    monkeypatch.setattr(detail_module, "message_view", with_codes)
    send(mock, "smsc", "79001234567")  # "Код 4821"
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_inbox(page, mock)
    code = page.locator("#screen .code").first
    expect(page)(code).to_contain_text("4821")
    code.locator("button").click()
    expect(page)(code.locator("button")).to_have_text("copied")
    assert page.evaluate("navigator.clipboard.readText()") == "4821"


def test_a_vk_message_shows_its_template_and_parameters(page, mock):
    http(mock, "/__admin/accounts/targetsms/demo", method="PATCH", body={"vk_enabled": True})
    open_inbox(page, mock)
    send(mock, "targetsms", "79001234567", send_viber="0", send_vk="1", send_sms="0",
         templateId="1042", templateData='{"code": "4821", "shop": "Лавка"}')
    thread(page, "79001234567").click()
    bubble = page.locator("#screen .bubble.vk")
    expect(page)(bubble.locator(".template")).to_have_text("template 1042")
    expect(page)(bubble.locator(".template-data")).to_contain_text("code4821")
    expect(page)(bubble.locator(".template-data")).to_contain_text("shopЛавка")


def test_a_hostile_link_in_a_message_is_not_made_clickable(page, mock):
    open_inbox(page, mock)
    send(mock, "inteltele", "380501234567", im_button_text="Open",
         im_button_link="javascript:alert(document.cookie)",
         im_message="<img src=x onerror=alert(1)>")
    thread(page, "380501234567").click()
    bubble = page.locator("#screen .bubble.viber")
    expect(page)(bubble.locator(".text")).to_have_text("<img src=x onerror=alert(1)>")
    assert bubble.locator(".button").get_attribute("href") is None
    assert bubble.locator("img").count() == 0
