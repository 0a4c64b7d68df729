"""In headless Chromium: a recipient's answers on the phone's screen, on the owner's side of the
chat among the messages by time and pushed live; an MMS's files in its bubble and detail."""

from __future__ import annotations

import urllib.request
import uuid

import pytest

from .browser import expect, http, open_inbox, send, still_the_same_page, thread
from .test_files import GIF, PAGE

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
PHONE = "79161112233"


def answer(base: str, text: str) -> None:
    http(base, "/__admin/inbound", method="POST", body={"phone": PHONE, "text": text})


def advance(base: str, seconds: float) -> None:
    http(base, "/__admin/clock", method="POST", body={"advance": seconds})


def screen_order(page) -> list[str]:
    """The screen top to bottom: "answer: <text>" or "message: <text>"."""
    return page.locator("#screen > li").evaluate_all("""items => items.map(li =>
        (li.classList.contains('answer') ? 'answer: ' : 'message: ')
        + li.querySelector('.text').textContent)""")


def test_an_answer_shows_live_on_the_owners_side_in_time_order(page, mock):
    open_inbox(page, mock)
    send(mock, "smsc", PHONE, mes="Подтвердите заказ: Y/N")
    thread(page, PHONE).click()
    advance(mock, 30)
    answer(mock, "Y")
    bubble = page.locator("#screen .bubble.answer")
    expect(page)(bubble).to_contain_text("Y")
    expect(page)(bubble).to_contain_text("smsc · demo")
    advance(mock, 30)
    send(mock, "smsc", PHONE, mes="Спасибо, заказ подтверждён")
    expect(page)(page.locator("#screen > li")).to_have_count(3)
    assert screen_order(page) == ["message: Спасибо, заказ подтверждён", "answer: Y",
                                  "message: Подтвердите заказ: Y/N"]
    # The owner's side: the answer's bubble sits to the right of the messages'.
    message_box = page.locator("#screen .bubble.sms").first.bounding_box()
    answer_box = bubble.bounding_box()
    assert answer_box["x"] > message_box["x"]
    assert still_the_same_page(page)


def test_answers_given_before_the_page_opened_show_with_their_messages(page, mock):
    send(mock, "smsc", PHONE, mes="first")
    advance(mock, 10)
    answer(mock, "one")
    advance(mock, 10)
    send(mock, "smsc", PHONE, mes="second")
    advance(mock, 10)
    answer(mock, "two")
    open_inbox(page, mock)
    thread(page, PHONE).click()
    expect(page)(page.locator("#screen > li")).to_have_count(4)
    assert screen_order(page) == ["answer: two", "message: second", "answer: one",
                                  "message: first"]


def multipart(fields: dict[str, str], files: list[tuple[str, bytes, str]]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    chunks = [f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
              .encode() for name, value in fields.items()]
    for n, (filename, payload, content_type) in enumerate(files, 1):
        chunks.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file{n}"; '
                      f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
                      + payload + b"\r\n")
    return b"".join(chunks) + f"--{boundary}--\r\n".encode(), boundary


def send_mms(base: str, files: list[tuple[str, bytes, str]]) -> None:
    body, boundary = multipart({"login": "demo", "psw": "demo", "phones": PHONE, "mms": "1",
                                "subj": "Фото", "mes": "Смотри", "fmt": "3",
                                "charset": "utf-8"}, files)
    request = urllib.request.Request(base + "/sys/send.php", data=body, method="POST", headers={
        "Content-Type": f"multipart/form-data; boundary={boundary}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert b'"cnt": 1' in response.read()


def test_an_mms_shows_its_files_with_the_image_inline(page, mock):
    open_inbox(page, mock)
    send_mms(mock, [("котик.gif", GIF, "image/gif"), ("page.html", PAGE, "text/html")])
    thread(page, PHONE).click()
    bubble = page.locator('#screen .bubble[data-channel="mms"]')
    expect(page)(bubble).to_contain_text("Фото")
    files = bubble.locator(".file")
    expect(page)(files).to_have_count(2)
    expect(page)(files.nth(0)).to_contain_text("котик.gif")
    expect(page)(files.nth(0)).to_contain_text(f"image/gif · {len(GIF)} B")
    expect(page)(files.nth(1)).to_contain_text(f"page.html text/html · {len(PAGE)} B")
    image = files.nth(0).locator("img")
    page.wait_for_function("img => img.complete && img.naturalWidth === 1", arg=image.element_handle())
    expect(page)(files.nth(1).locator("img")).to_have_count(0)  # never rendered, only linked
    page.locator("#screen .message").first.click()
    expect(page)(page.locator("#detail .files .file")).to_have_count(2)
    expect(page)(page.locator("#detail")).to_contain_text("Files")
