"""senders.php error 9, second paragraph (seed 002 l.84): "при попытке отправки пятнадцати и
более запросов одновременно с разных подключений под одним логином (too many concurrent
requests)". Requests are truly concurrent here, each on its own connection; a request counts
from its arrival to its reply, a delay fault or a slow body included."""

from __future__ import annotations

import asyncio

from mockserver.core.accounts import Account
from mockserver.providers.smsc.extension import extension

from .wire import DEMO, Reply, encode, smsc

CHANGE = {"chg": "1", "sender": "Demo", "cmt": "x"}  # no per-minute limit of its own


async def sixteen_at_once(client, state, fmt: str = "1") -> list[Reply]:
    """Sixteen senders.php requests of one login at once, each held 0.5 s by a delay fault."""
    state.faults.add_rule({"kind": "delay", "delay_ms": 500,
                           "match": {"path": "/sys/senders.php"}})
    return list(await asyncio.gather(*(smsc(client, "senders", {**CHANGE, "fmt": fmt})
                                       for _ in range(16))))


async def test_the_fifteenth_and_sixteenth_at_once_get_error_9(client, state, demo):
    replies = await sixteen_at_once(client, state)
    assert sorted(r.text for r in replies) == ["0,-9"] * 2 + ["OK"] * 14
    assert (await smsc(client, "senders", {**CHANGE, "fmt": "1"})).text == "OK"  # all answered


async def test_fourteen_at_once_are_all_answered(client, state, demo):
    state.faults.add_rule({"kind": "delay", "delay_ms": 300,
                           "match": {"path": "/sys/senders.php"}})
    replies = await asyncio.gather(*(smsc(client, "senders", {**CHANGE, "fmt": "1"})
                                     for _ in range(14)))
    assert [r.text for r in replies] == ["OK"] * 14


async def until_in_flight(state, count: int, login: str = "demo") -> None:
    """Until the server has `count` requests of `login` (each has sent its headers)."""
    in_flight = extension(state).in_flight
    for _ in range(500):
        if in_flight.of(login) == count:
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"{in_flight.of(login)} requests in flight, not {count}")


async def test_requests_of_other_logins_do_not_count(client, state, demo):
    state.accounts.put(Account.from_mapping("smsc", "other", {"password": "o"}))
    state.faults.add_rule({"kind": "delay", "delay_ms": 500,
                           "match": {"path": "/sys/senders.php", "login": "demo"}})
    held = [asyncio.ensure_future(smsc(client, "senders", {**CHANGE, "fmt": "1"}))
            for _ in range(15)]
    await until_in_flight(state, 15)
    other = {"login": "other", "psw": "o", "get": "1", "all": "1", "fmt": "1"}
    assert (await smsc(client, "senders", other, auth=False)).text == ""  # its empty list
    assert sorted(r.text for r in await asyncio.gather(*held)) == ["0,-9"] + ["OK"] * 14


async def _slow(release: asyncio.Event):
    yield encode(CHANGE).encode()
    await release.wait()
    yield b"&fmt=1"


async def test_a_request_still_sending_its_body_counts(client, state, demo):
    """Fifteen POSTs with the login in the query and their bodies not yet sent: the next
    request of that login is the sixteenth at once."""
    release = asyncio.Event()
    url = f"/sys/senders.php?{encode(DEMO)}"
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    slow = [asyncio.ensure_future(client.post(url, data=_slow(release), headers=headers))
            for _ in range(15)]
    try:
        await until_in_flight(state, 15)
        assert (await smsc(client, "senders", {**CHANGE, "fmt": "1"})).text == "0,-9"
    finally:
        release.set()
    answers = [await response.text() for response in await asyncio.gather(*slow)]
    assert sorted(answers) == ["0,-9"] + ["OK"] * 14  # the fifteenth was refused at arrival too
    assert extension(state).in_flight.of("demo") == 0
