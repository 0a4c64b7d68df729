"""/__admin/inbound: a recipient answers; every reply checked against the OpenAPI document."""

from __future__ import annotations

PHONE = "79001234567"


async def test_an_answer_is_listed_filtered_and_forgotten(admin, client):
    await client.get("/sys/send.php", params={"login": "demo", "psw": "demo", "phones": PHONE,
                                              "mes": "Reply YES"})
    answer = await admin.post("/inbound", {"phone": "+" + PHONE, "text": "YES"}, expect=201)
    message = (await admin.get("/messages"))["messages"][0]
    assert (answer["provider"], answer["login"], answer["phone"], answer["reply_to"]) == (
        "smsc", "demo", PHONE, message["id"])
    assert answer["received_at"] == "2026-01-01T09:00:00Z"
    await admin.post("/inbound", {"provider": "targetsms", "login": "demo", "phone": PHONE,
                                  "text": "hi", "to": "79990000100"}, expect=201)
    assert [a["text"] for a in (await admin.get("/inbound?provider=smsc"))["inbound"]] == ["YES"]
    assert len((await admin.get(f"/inbound?phone={PHONE}"))["inbound"]) == 2
    await admin.delete("/inbound", expect=204)
    assert (await admin.get("/inbound"))["inbound"] == []


async def test_a_reply_to_a_provider_id_names_that_message(admin, client):
    await client.get("/sys/send.php", params={"login": "demo", "psw": "demo", "phones": PHONE,
                                              "mes": "first", "id": "41"})
    await client.get("/sys/send.php", params={"login": "demo", "psw": "demo", "phones": PHONE,
                                              "mes": "second", "id": "42"})
    first = (await admin.get("/messages?provider_id=41"))["messages"][0]
    answer = await admin.post("/inbound", {"phone": PHONE, "text": "to the first",
                                           "reply_to": "41"}, expect=201)
    assert answer["reply_to"] == first["id"]


async def test_refusals_name_the_field(admin):
    error = await admin.post("/inbound", {"phone": PHONE, "text": 5, "provider": "smsc",
                                          "login": "demo"}, expect=400)
    assert error["error"]["message"] == "POST /__admin/inbound: text: 5: expected a string"
    error = await admin.post("/inbound", {"phone": PHONE, "text": "x", "to": "abc",
                                          "provider": "smsc", "login": "demo"}, expect=400)
    assert error["error"]["message"] == (
        'POST /__admin/inbound: to: "abc": expected 7..15 digits, an optional +')
    await admin.post("/inbound", {"phone": PHONE, "text": "x", "provider": "smsc",
                                  "login": "ghost"}, expect=404)


async def test_reset_forgets_the_answers(admin):
    await admin.post("/inbound", {"phone": PHONE, "text": "x", "provider": "smsc",
                                  "login": "demo"}, expect=201)
    await admin.post("/reset", expect=200)
    assert (await admin.get("/inbound"))["inbound"] == []
