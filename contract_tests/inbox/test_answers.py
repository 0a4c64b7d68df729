"""A recipient's answers in the inbox: on the phone's screen page by page, in the time its
messages span, and pushed live to the streams whose filters take them."""

from __future__ import annotations

PHONE, OTHER = "79001234567", "79007654321"


async def smsc_send(client, phones: str, mes: str) -> None:
    response = await client.get("/sys/send.php", params={
        "login": "demo", "psw": "demo", "phones": phones, "mes": mes, "fmt": "3",
        "charset": "utf-8"})
    assert "error" not in await response.json(content_type=None)


async def answer(admin, phone: str, text: str) -> dict:
    return await admin.post("/inbound", {"phone": phone, "text": text}, expect=201)


async def page(admin, query: str) -> dict:
    return await admin.get(f"/inbox/messages?order=desc&{query}", expect=200)


async def test_a_phones_page_carries_what_its_owner_answered(client, admin):
    await smsc_send(client, PHONE, "Подтвердите заказ: Y/N")
    await smsc_send(client, OTHER, "Hi")
    await admin.post("/clock", {"advance": 30})
    mine = await answer(admin, PHONE, "Y")
    await answer(admin, OTHER, "N")
    shown = await page(admin, f"phone={PHONE}")
    assert [a["text"] for a in shown["inbound"]] == ["Y"]
    assert shown["inbound"][0] == mine and mine["reply_to"] == shown["messages"][0]["id"]
    assert (await page(admin, ""))["inbound"] == []  # the thread list needs none


async def test_each_page_carries_the_answers_of_the_time_it_spans(client, admin):
    texts = []
    for n in range(4):  # a message a minute, each answered 30 s after it
        await smsc_send(client, PHONE, f"message {n}")
        await admin.post("/clock", {"advance": 30})
        texts.append((await answer(admin, PHONE, f"answer {n}"))["text"])
        await admin.post("/clock", {"advance": 30})
    newest = await page(admin, f"phone={PHONE}&limit=2")
    assert [a["text"] for a in newest["inbound"]] == ["answer 2", "answer 3"]
    older = await page(admin, f"phone={PHONE}&limit=2&before={newest['next']}")
    assert [a["text"] for a in older["inbound"]] == ["answer 0", "answer 1"]
    assert older["next"] is None


async def test_an_answer_is_pushed_live_to_the_streams_that_show_its_phone(client, admin, events):
    await smsc_send(client, PHONE, "Hi")
    await smsc_send(client, OTHER, "Hi")
    everything, other_phone = await events(), await events(f"phone_prefix={OTHER[:6]}")
    sent = await answer(admin, PHONE, "Да")
    assert await everything.until("inbound", timeout=1) == sent
    await answer(admin, OTHER, "no")
    assert (await other_phone.until("inbound", timeout=1))["phone"] == OTHER


async def test_an_oldest_first_page_carries_all_the_phones_answers(client, admin):
    for n in range(3):
        await smsc_send(client, PHONE, f"message {n}")
        await admin.post("/clock", {"advance": 30})
        await answer(admin, PHONE, f"answer {n}")
    shown = await admin.get(f"/inbox/messages?phone={PHONE}&limit=1", expect=200)
    assert [a["text"] for a in shown["inbound"]] == ["answer 0", "answer 1", "answer 2"]
