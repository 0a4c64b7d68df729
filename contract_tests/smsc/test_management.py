"""templates.php, phones.php, jobs.php, users.php, receive_phones.php, info.php, get_mnp.php and
get.php: each call's replies in the four formats."""

from __future__ import annotations

import pytest

from .wire import smsc

PHONE = "79001234567"
FMTS = ["0", "1", "2", "3"]


def created(new_id: int, fmt: str) -> str:
    return {"0": f"ID = {new_id}", "1": str(new_id),
            "2": f"<result>\n<id>{new_id}</id>\n</result>",
            "3": f'{{\n"id": {new_id}\n}}'}[fmt]


def done(fmt: str) -> str:
    return {"0": "OK", "1": "OK", "2": "<result>OK</result>", "3": '{\n"result": "OK"\n}'}[fmt]


async def call(client, path: str, fmt: str = "3", **params: str):
    return await smsc(client, path, {"fmt": fmt, **params}, charset="utf-8")


# --- templates.php ----------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", FMTS)
async def test_a_template_is_added_changed_listed_and_deleted(client, demo, fmt):
    added = await call(client, "templates", fmt, add="1", name="Код", msg="Ваш код: 1234",
                       format="sms", sender="MyShop")
    assert added.text == created(1, fmt)
    assert (await call(client, "templates", fmt, chg="1", id="1", msg="Код: 5678")).text == \
        done(fmt)
    listed = (await call(client, "templates", fmt, get="1")).text
    assert listed == {
        "0": "id = 1, format = sms, sender = MyShop, fl = 0, name = Код, message = Код: 5678",
        "1": "1,sms,MyShop,0,Код,Код: 5678",
        "2": "<list>\n<template>\n<id>1</id>\n<format>sms</format>\n<sender>MyShop</sender>\n"
             "<fl>0</fl>\n<name>Код</name>\n<message>Код: 5678</message>\n</template>\n</list>",
        "3": '[{\n"id": 1,\n"format": "sms",\n"sender": "MyShop",\n"fl": 0,\n"name": "Код",\n'
             '"message": "Код: 5678"\n}]'}[fmt]
    assert (await call(client, "templates", fmt, **{"del": "1", "id": "1"})).text == done(fmt)
    assert (await call(client, "templates", "3", get="1")).json() == []


async def test_a_template_is_sent_by_tpl_in_a_mailing(client, demo, state):
    await call(client, "templates", add="1", name="t", msg="From the template")
    assert (await call(client, "jobs", add="1", name="Job", phones=PHONE, tpl="1")).json() == \
        {"id": 1}
    [message] = list(state.messages)
    assert (message.channels[0].text, message.meta["job_name"]) == ("From the template", "Job")


# --- phones.php -------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", FMTS)
async def test_contacts_and_groups_in_each_format(client, demo, fmt):
    assert (await call(client, "phones", fmt, add_group="1", name="VIP")).text == created(1, fmt)
    assert (await call(client, "phones", fmt, add="1", phone="8 (900) 123-45-67", name="Anna",
                       grp="1")).text == created(1, fmt)
    contacts = (await call(client, "phones", fmt, get="1")).text
    assert contacts == {
        "0": "id = 1, phone = 79001234567, grp = 1, name = Anna",
        "1": "1,79001234567,1,Anna",
        "2": "<list>\n<contact>\n<id>1</id>\n<phone>79001234567</phone>\n<grp>1</grp>\n"
             "<name>Anna</name>\n</contact>\n</list>",
        "3": '[{\n"id": 1,\n"phone": "79001234567",\n"grp": "1",\n"name": "Anna"\n}]'}[fmt]
    groups = (await call(client, "phones", fmt, get_group="1")).text
    assert groups == {"0": "id = 1, num = 1, name = VIP", "1": "1,1,VIP",
                      "2": "<list>\n<group>\n<id>1</id>\n<num>1</num>\n<name>VIP</name>\n"
                           "</group>\n</list>",
                      "3": '[{\n"id": 1,\n"num": 1,\n"name": "VIP"\n}]'}[fmt]


async def test_move_group_moves_adds_and_removes(client, demo):
    for name in ("A", "B"):
        await call(client, "phones", add_group="1", name=name)
    await call(client, "phones", add="1", phone=PHONE, grp="1")

    async def groups() -> str:
        return (await call(client, "phones", get="1")).json()[0]["grp"]
    await call(client, "phones", move_group="2", grp="2", phone=PHONE)
    assert await groups() == "1,2"
    await call(client, "phones", move_group="3", grp="1", phone=PHONE)
    assert await groups() == "2"
    await call(client, "phones", move_group="1", grp="1", phone=PHONE)
    assert await groups() == "1"
    await call(client, "phones", del_group="1", grp="1")
    assert await groups() == ""


async def test_chg_renumbers_and_del_removes_a_contact(client, demo):
    await call(client, "phones", add="1", phone=PHONE, name="A")
    assert (await call(client, "phones", chg="1", phone=PHONE, new_phone="79001112233",
                       name="B")).json() == {"result": "OK"}
    assert [(c["phone"], c["name"]) for c in (await call(client, "phones", get="1")).json()] == \
        [("79001112233", "B")]
    await call(client, "phones", **{"del": "1", "phone": "79001112233"})
    assert (await call(client, "phones", get="1")).json() == []


async def test_the_contact_blacklist_is_honoured_by_send(client, demo, state):
    assert "id" in (await call(client, "phones", add_black="1", phone="+79001112233")).json()
    assert "79001112233" in (await call(client, "phones", "1", get_black="1")).text
    refused = await smsc(client, "send", {"phones": "79001112233", "mes": "x", "fmt": "1",
                                          "id": "5"})
    assert refused.text == "5,-6"
    mixed = await smsc(client, "send", {"phones": f"79001112233,{PHONE}", "mes": "y",
                                        "fmt": "3", "op": "1"})
    assert [p["status"] for p in mixed.json()["phones"]] == ["23", "0"]
    await call(client, "phones", del_black="1", phone="79001112233")
    assert (await smsc(client, "send", {"phones": "79001112233", "mes": "z", "fmt": "3"}
                       )).json()["cnt"] == 1


# --- jobs.php ---------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", FMTS)
async def test_a_mailing_is_started_listed_cancelled_and_removed(client, demo, state, fmt):
    added = await call(client, "jobs", fmt, add="1", name="Акция", phones=f"{PHONE};79001112233",
                       mes="Скидка 10%", time="0101261300")
    assert added.text == created(1, fmt)
    assert all(m.scheduled_at is not None for m in state.messages)
    assert len({m.provider_ids["id"] for m in state.messages}) == 1  # one id, as send.php's
    listed = (await call(client, "jobs", fmt, get="1")).text
    assert listed == {
        "0": "id = 1, status = active, cnt = 2, format = sms, name = Акция, message = Скидка 10%",
        "1": "1,active,2,sms,Акция,Скидка 10%",
        "2": "<list>\n<job>\n<id>1</id>\n<status>active</status>\n<cnt>2</cnt>\n"
             "<format>sms</format>\n<name>Акция</name>\n<message>Скидка 10%</message>\n"
             "</job>\n</list>",
        "3": '[{\n"id": 1,\n"status": "active",\n"cnt": 2,\n"format": "sms",\n'
             '"name": "Акция",\n"message": "Скидка 10%"\n}]'}[fmt]
    assert (await call(client, "jobs", fmt, cancel="1", id="1")).text == done(fmt)
    assert (await call(client, "jobs", fmt, **{"del": "1", "id": "1"})).text == done(fmt)


# --- users.php --------------------------------------------------------------------------------
async def test_a_sub_client_logs_in_is_paid_and_reported(client, demo, state):
    assert (await call(client, "users", add="1", user="shop2", password="s3cret")).json() == \
        {"id": 1}
    assert (await call(client, "users", "1", pay="1", user="shop2", sum="20.50")).text == "OK"
    sub_balance = await smsc(client, "balance", {"login": "shop2", "psw": "s3cret", "fmt": "3"})
    assert sub_balance.json() == {"balance": "20.50"}
    assert str(demo.balance) == "81.40"
    await smsc(client, "send", {"login": "shop2", "psw": "s3cret", "phones": PHONE, "mes": "x"})
    assert (await call(client, "users", get_stat="1", user="shop2")).json() == [
        {"user": "shop2", "cnt": 1, "cost": "1.40"}]
    assert (await call(client, "users", get="1")).json() == [{"user": "shop2",
                                                              "balance": "19.10"}]
    await call(client, "users", pay="1", user="shop2", sum="-19.10")
    assert str(demo.balance) == "100.50"
    assert (await call(client, "users", "2", chg="1", user="shop2", password="new")).text == \
        "<result>OK</result>"


# --- receive_phones.php -----------------------------------------------------------------------
@pytest.mark.parametrize(("fmt", "first"), [
    ("0", "phone = 79990000100, cost = 500.00"), ("1", "79990000100,500.00"),
    ("2", "<list>\n<phone>\n<phone>79990000100</phone>\n<cost>500.00</cost>\n</phone>"),
    ("3", '[{\n"phone": "79990000100",\n"cost": "500.00"\n},'),
])
async def test_free_dedicated_numbers_in_each_format(client, demo, fmt, first):
    assert (await call(client, "receive_phones", fmt, get="1")).text.startswith(first)


async def test_a_dedicated_number_is_bought_pro_rata_and_leaves_the_free_list(client, demo):
    demo.balance = 1000
    assert (await call(client, "receive_phones", buy="1", phone="79990000100")).json() == \
        {"result": "OK"}
    assert str(demo.balance) == "500.00"  # 1 January: the whole month (31 of 31 days)
    free = [row["phone"] for row in (await call(client, "receive_phones", get="1")).json()]
    assert "79990000100" not in free and len(free) == 4
    assert (await call(client, "receive_phones", chg="1", phone="79990000100",
                       noprolong="1")).json() == {"result": "OK"}


# --- info.php ---------------------------------------------------------------------------------
@pytest.mark.parametrize(("fmt", "expected"), [
    ("0", "country = Россия, operator = МТС, region = Москва, mcc = 250, mnc = 01, tz = 3"),
    ("1", "Россия,МТС,Москва,250,01,3"),
    ("2", "<result>\n<country>Россия</country>\n<operator>МТС</operator>\n"
          "<region>Москва</region>\n<mcc>250</mcc>\n<mnc>01</mnc>\n<tz>3</tz>\n</result>"),
    ("3", '{\n"country": "Россия",\n"operator": "МТС",\n"region": "Москва",\n"mcc": "250",\n'
          '"mnc": "01",\n"tz": 3\n}'),
])
async def test_a_numbers_operator_in_each_format(client, demo, fmt, expected):
    assert (await call(client, "info", fmt, get_operator="1", phone="79101234567")).text == \
        expected


async def test_several_numbers_are_a_list(client, demo):
    rows = (await call(client, "info", get_operator="1", phone="79101234567,380671234567")).json()
    assert [(r["phone"], r["operator"]) for r in rows] == [("79101234567", "МТС"),
                                                           ("380671234567", "Киевстар")]


# --- get_mnp.php ------------------------------------------------------------------------------
async def test_the_mnp_base_is_a_csv_file_and_a_day_a_list(client, demo):
    file = await smsc(client, "get_mnp", {})
    assert (file.content_type, file.body) == ("text/csv", b"Phone;mccmnc\n")
    assert (await call(client, "get_mnp", date="01.01.2026")).json() == []
    assert (await call(client, "get_mnp", "2", date="01.01.2026")).text == "<list>\n</list>"


# --- get.php ----------------------------------------------------------------------------------
async def test_the_history_newest_first_with_paging_and_filters(client, demo, state):
    for n in range(3):
        await smsc(client, "send", {"phones": PHONE if n != 1 else "79001112233",
                                    "mes": f"m{n}"})
    state.scheduler.advance(2)
    rows = (await call(client, "get", get_messages="1")).json()
    assert [(r["id"], r["message"], r["status"]) for r in rows] == [
        (3, "m2", 1), (2, "m1", 1), (1, "m0", 1)]
    assert rows[0]["status_name"] == "Доставлено" and rows[0]["cost"] == "1.40"
    assert [r["id"] for r in (await call(client, "get", get_messages="1", prev_id="3")).json()] \
        == [2, 1]
    assert [r["id"] for r in (await call(client, "get", get_messages="1", cnt="1")).json()] == [3]
    assert [r["id"] for r in (await call(client, "get", get_messages="1",
                                         phone="79001112233")).json()] == [2]
    assert [r["id"] for r in (await call(client, "get", get_messages="1", start="01.01.2026",
                                         end="01.01.2026")).json()] == [3, 2, 1]
    assert (await call(client, "get", "1", get_messages="1", start="02.01.2026")).text == "0,-3"


async def test_the_history_in_fmt_1_keeps_the_text_last(client, demo, state):
    await smsc(client, "send", {"phones": PHONE, "mes": "a, b, c"})
    line = (await call(client, "get", "1", get_messages="1")).text
    assert line.startswith("1,0,") and line.endswith(",a, b, c")


async def test_statistics_per_day_and_the_price_list(client, demo, state):
    await smsc(client, "send", {"phones": f"{PHONE},79001112233", "mes": "x" * 200})
    assert (await call(client, "get", get_stat="1")).json() == [
        {"date": "01.01.2026", "cnt": 2, "sms_cnt": 4, "cost": "5.60"}]
    zones = (await call(client, "get", get_price="1")).json()["zones"]
    assert {"channel": "sms", "country": "ru", "mnc": "", "cost": "1.40"} in zones
    assert (await call(client, "get", "0", get_price="1")).text.startswith("channel = sms")


async def test_a_send_to_g_and_a_group_id_goes_to_the_groups_contacts(client, demo, state):
    await call(client, "phones", add_group="1", name="Team")
    for phone in ("79001112233", "79005550001"):
        await call(client, "phones", add="1", phone=phone, grp="1")
    reply = await smsc(client, "send", {"phones": f"G1,{PHONE}", "mes": "Meeting at 10",
                                        "fmt": "3"})
    assert reply.json()["cnt"] == 3
    assert sorted(m.phone for m in state.messages) == ["79001112233", "79001234567",
                                                       "79005550001"]
    assert (await call(client, "jobs", add="1", name="j", phones="g1", mes="Later")).json() \
        == {"id": 1}
    assert len(list(state.messages)) == 5
