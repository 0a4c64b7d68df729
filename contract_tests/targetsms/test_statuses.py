"""The platform's five status words: the mapping from canonical statuses, read both ways, and
each word reached over the wire by what the network did (magic numbers, mock clock)."""

from __future__ import annotations

import pytest

from mockserver.core.messages import Status
from mockserver.providers.targetsms.statuses import (
    PlatformStatus,
    canonical_statuses,
    platform_status,
)

from .conftest import DEMO


def test_every_canonical_status_has_a_word_and_reads_back():
    for status in Status:
        assert status in canonical_statuses(platform_status(status))


def test_every_word_stands_for_some_canonical_status():
    covered = set()
    for word in PlatformStatus:
        statuses = canonical_statuses(word)
        assert statuses, word
        assert all(platform_status(status) is word for status in statuses)
        covered |= statuses
    assert covered == set(Status)


def test_a_channel_not_tried_reads_send():
    assert platform_status(None) is PlatformStatus.SEND


# Magic numbers (README): each gives one outcome on every channel, 2 s after the send
# (79990000003, expired, at the end of the validity: test_validity.py).
@pytest.mark.parametrize(("phone", "word"), [
    ("79801234567", "deliver"),
    ("79990000005", "deliver"),  # read on Viber
    ("79990000002", "not_deliver"),  # undelivered
    ("79990000004", "not_deliver"),  # rejected
    ("79990000008", "not_deliver"),  # deleted
    ("79990000007", "partly_deliver"),  # the network never gave a definite status
])
async def test_status_words_over_get_json_and_xml(wires, state, phone, word):
    id_message = await wires.get(**DEMO, phone=phone, send_viber="1", sender_viber="Shop",
                                 text_viber="Привет")
    assert await wires.status(id_message) == "send"
    state.scheduler.advance(2)
    assert await wires.status(id_message) == word
    [row] = await wires.state(id_message)
    assert row["state"] == row["state_viber"] == word
    assert row["state_sms"] == row["state_vk"] == "send"  # not sent on those channels
    [element] = await wires.xml_state(id_message)
    assert element.text == word


async def test_no_report_stays_send_until_the_validity_ends_then_expired(wires, state):
    # 79990000006: the network never reports.
    id_message = await wires.get(**DEMO, phone="79990000006", send_viber="1",
                                 sender_viber="Shop", text_viber="Привет",
                                 validity_period_viber="2")
    state.scheduler.advance(119)
    assert await wires.status(id_message) == "send"
    state.scheduler.advance(1)
    assert await wires.status(id_message) == "expired"
