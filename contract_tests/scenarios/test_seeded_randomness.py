"""Weighted outcomes and fault rates draw from one seeded random: a seed repeats a run exactly,
health shows the seed in use, and a reset goes back to the seed the mock started with."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mockserver.config import parse
from mockserver.core.outcomes import OutcomeRule, draw
from mockserver.core.state import MockState

IT = {"username": "demo", "api_key": "demo"}
WEIGHTED = {"match": {}, "outcome": {"sms": {"delivered": 0.7, "undelivered": 0.3}}}


async def seed_of(client) -> int:
    return (await (await client.get("/__admin/health")).json())["seed"]


async def sms_outcomes(client, count: int) -> list[str]:
    for n in range(count):
        await client.get("/sendmessage.php", params={
            "login": "demo", "password": "demo", "phone": f"7900123{n:04d}", "send_sms": "1",
            "sender_sms": "Shop", "text_sms": "hi"})
    await client.post("/__admin/clock", json={"advance": 60})
    messages = (await (await client.get("/__admin/messages")).json())["messages"]
    return [m["status"] for m in messages]


async def test_a_weighted_rule_draws_each_outcome_and_a_seed_repeats_the_draws(client):
    await client.post("/__admin/scenario", json={"random": {"seed": 7}})
    assert await seed_of(client) == 7
    assert (await client.post("/__admin/rules", json=WEIGHTED)).status == 201
    first = await sms_outcomes(client, 30)
    assert 12 <= first.count("delivered") <= 28 and "undelivered" in first

    await client.post("/__admin/reset")
    await client.post("/__admin/scenario", json={"random": {"seed": 7}, "rules": [WEIGHTED]})
    assert await sms_outcomes(client, 30) == first


async def test_reset_goes_back_to_the_seed_the_mock_started_with(client, state):
    started = await seed_of(client)
    assert started == state.start_seed
    await client.post("/__admin/scenario", json={"random": {"seed": 99}})
    assert await seed_of(client) == 99
    await client.post("/__admin/reset")
    assert await seed_of(client) == started


async def test_a_fault_rate_hits_a_share_of_requests(client):
    await client.post("/__admin/scenario", json={
        "random": {"seed": 3}, "faults": [{"kind": "status", "status": 503, "rate": 0.5}]})
    statuses = [(await client.get("/balance/", params=IT)).status for _ in range(40)]
    assert 10 <= statuses.count(503) <= 30 and statuses.count(200) == 40 - statuses.count(503)
    faults = (await (await client.get("/__admin/faults")).json())["faults"]
    assert faults[0]["probability"] == 0.5 and faults[0]["fired"] == statuses.count(503)


def test_two_mocks_with_one_seed_draw_alike():
    doc = parse({"random": {"seed": 11}, "rules": [WEIGHTED]})
    one, two = MockState(doc), MockState(doc)
    assert [one.random.random() for _ in range(5)] == [two.random.random() for _ in range(5)]
    assert one.seed == two.seed == 11


@pytest.mark.parametrize("outcome", [
    {"sms": {"delivered": -0.1}}, {"sms": {"lost": 1}}, {"sms": {}},
    {"sms": {"delivered": 0, "undelivered": 0}}, {"sms": {"delivered": True}},
])
def test_bad_weights_are_refused_with_the_channel_and_value(outcome):
    with pytest.raises(ValueError, match="sms|lost"):
        OutcomeRule.from_mapping(1, {"outcome": outcome})


@settings(max_examples=50)
@given(st.dictionaries(st.sampled_from(["delivered", "undelivered", "expired", "none"]),
                       st.floats(0, 10), min_size=1), st.integers(0, 2**32))
def test_a_draw_only_gives_outcomes_with_weight(weights, seed):
    import random

    if sum(weights.values()) <= 0:
        return
    drawn = draw(weights, random.Random(seed))
    assert weights[drawn] > 0
