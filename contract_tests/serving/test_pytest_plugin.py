"""The sms_mock fixture, used the way the control-plane contract shows it."""

from __future__ import annotations

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


def test_the_fixture_starts_a_mock_and_resets_it_between_tests(pytester):
    pytester.makepyfile(test_example=EXAMPLE)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-q")
    result.assert_outcomes(passed=3)
