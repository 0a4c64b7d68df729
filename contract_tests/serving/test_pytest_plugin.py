"""The sms_mock fixture, used the way the control-plane contract shows it."""

from __future__ import annotations

import urllib.request

import pytest

from mockserver.testing.pytest_plugin import RemoteMock

pytest_plugins = ["pytester"]

EXAMPLE = '''
import json
import urllib.request


class MyApp:
    def __init__(self, sms_base_url):
        self.base = sms_base_url

    def confirm_order(self, phone):
        url = (f"{self.base}/sendmessage.php?login=demo&password=demo&phone={phone}"
               "&send_viber=1&sender_viber=Shop&text_viber=Order+confirmed")
        urllib.request.urlopen(url).read()


def test_order_confirmation(sms_mock):
    app = MyApp(sms_base_url=sms_mock.url)
    app.confirm_order(phone="79001234567")
    msg = sms_mock.messages.one(phone="79001234567")
    assert msg.channels[0].channel == "viber"
    sms_mock.clock.advance(3600)
    assert sms_mock.messages.get(msg.id).status == "delivered"
    assert sms_mock.violations == []


def test_each_test_starts_from_a_reset_mock(sms_mock):
    assert sms_mock.messages.all() == []
    assert sms_mock.clock.now == "2026-01-01T09:00:00Z"


def test_rules_and_inteltele(sms_mock):
    sms_mock.rules.add(match={"phone": "380501234567"}, outcome={"viber": "undelivered"})
    url = (f"{sms_mock.url}/im/send/?username=demo&api_key=demo&to=380501234567"
           "&im_message=Hi&sms_source=Shop&sms_message=Hi")
    reply = json.loads(urllib.request.urlopen(url).read())
    assert reply["reply"][0]["status"] == "OK"
    sms_mock.clock.advance(10)
    msg = sms_mock.messages.one(phone="380501234567")
    assert [c.status for c in msg.channels] == ["undelivered", "delivered"]
    assert sms_mock.accounts.get("inteltele", "demo").balance == "999.25"
'''


SCENARIO_TESTS = '''
import pytest


@pytest.mark.sms_mock(fixtures="scenarios/viber_down.toml")
def test_the_marker_loads_the_scenario_for_this_test(sms_mock):
    assert [rule.outcome for rule in sms_mock.rules.list()] == [{"viber": "undelivered"}]


def test_the_next_test_is_back_to_the_fixtures(sms_mock):
    assert sms_mock.rules.list() == []


@pytest.mark.sms_mock(fixtures="scenarios/missing.toml")
def test_a_missing_scenario_fails_the_setup(sms_mock):
    pass
'''


def test_the_fixture_resets_between_tests_and_the_marker_loads_a_scenario(pytester):
    pytester.makepyfile(test_example=EXAMPLE, test_marker=SCENARIO_TESTS)
    pytester.mkdir("scenarios")
    (pytester.path / "scenarios" / "viber_down.toml").write_text(
        '[[rules]]\nmatch = { channel = "viber" }\noutcome = { viber = "undelivered" }\n')
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-q")
    result.assert_outcomes(passed=5, errors=1)
    result.stdout.fnmatch_lines(["*missing.toml: cannot read*"])


ROUND_TRIP = '''
import threading
import urllib.parse
import urllib.request

import pytest

PHONE = "79001234567"


def send(url, params, text):
    query = urllib.parse.urlencode({**params, "phones": PHONE, "mes": text, "charset": "utf-8"})
    urllib.request.urlopen(f"{url}/sys/send.php?{query}").read()


@pytest.mark.parametrize("n", range(200))
def test_one_message_sent_and_read_back(sms_mock, n):
    smsc = sms_mock.account("smsc")
    text = f"Ваш код: {n:06d}"
    threading.Thread(target=send, args=(sms_mock.url, smsc.params, text)).start()
    assert sms_mock.messages.code(PHONE) == f"{n:06d}"
    assert sms_mock.messages.one().channels[0].text == text
    assert len(sms_mock.requests) == 1
'''


def test_two_hundred_tests_under_xdist_never_read_each_others_messages(pytester):
    pytester.makepyfile(test_round_trip=ROUND_TRIP)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-q", "-n", "2")
    result.assert_outcomes(passed=200)


SHARED = '''
def test_nothing_is_reset_on_a_shared_mock(sms_mock):
    assert "380501234567" in {m.phone for m in sms_mock.messages.all()}
    sms_mock.account("inteltele")
    assert sms_mock.messages.all() == []
'''


def test_two_hundred_tests_on_one_shared_mock_keep_to_their_accounts(pytester, live):
    live.call(live.state.reset)
    urllib.request.urlopen(f"{live.url}/im/send/?username=demo&api_key=demo"
                           "&to=380501234567&im_message=Hi").read()
    pytester.makepyfile(test_round_trip=ROUND_TRIP, test_shared=SHARED)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-q", "-n", "2",
                                           "--sms-mock-url", live.url)
    result.assert_outcomes(passed=201)
    logins = {m.login for m in live.state.messages if m.phone == "79001234567"}
    assert len(logins) == 200


def test_an_unreachable_mock_url_is_a_usage_error():
    with pytest.raises(pytest.UsageError,
                       match="--sms-mock-url http://127.0.0.1:9: no mock answers there"):
        RemoteMock("http://127.0.0.1:9")

