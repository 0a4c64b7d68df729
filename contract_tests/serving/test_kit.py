"""The Python kit against a mock on a real socket: every method and each failure message."""

from __future__ import annotations

import json
import threading
import urllib.parse
import urllib.request

import pytest

from mockserver.testing.control import ControlError, MockControl
from mockserver.testing.session import Credentials, SmsMock

UA, RU = "380501234567", "79001234567"


@pytest.fixture
def mock(live) -> SmsMock:
    live.call(live.state.reset)
    return SmsMock(live.url)


def get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read()


def send_inteltele(mock, text, to=UA, username="demo", api_key="demo", **extra):
    query = urllib.parse.urlencode({"username": username, "api_key": api_key, "to": to,
                                    "im_message": text, **extra})
    return json.loads(get(f"{mock.url}/im/send/?{query}"))["reply"][0]


SENDERS = {
    "inteltele": lambda url, creds, phone, text: get(f"{url}/im/send/?" + urllib.parse.urlencode(
        {**creds.params, "to": phone, "im_message": text})),
    "targetsms": lambda url, creds, phone, text: get(f"{url}/sendmessage.php?" + urllib.parse.urlencode(
        {**creds.params, "phone": phone, "send_sms": "1", "sender_sms": "Shop",
         "text_sms": text})),
    "smsc": lambda url, creds, phone, text: get(f"{url}/sys/send.php?" + urllib.parse.urlencode(
        {**creds.params, "phones": phone, "mes": text, "charset": "utf-8"})),
}


def in_background(action) -> threading.Thread:
    thread = threading.Thread(target=action)
    thread.start()
    return thread


# --- wait ------------------------------------------------------------------------------------
def test_wait_returns_the_message_a_background_thread_sends(mock):
    thread = in_background(lambda: send_inteltele(mock, "Ваш код: 4821"))
    message = mock.messages.wait(phone=UA, timeout=10)
    thread.join()
    assert (message.phone, message.codes) == (UA, ["4821"])


def test_wait_for_a_status_with_the_clock_moved(mock):
    send_inteltele(mock, "Hi")
    mock.clock.advance(5)
    assert mock.messages.wait(phone=UA, status="delivered").status == "delivered"


def test_wait_after_a_message_skips_it(mock):
    send_inteltele(mock, "Код 1111")
    first = mock.messages.one(phone=UA)
    thread = in_background(lambda: send_inteltele(mock, "Код 2222"))
    assert mock.messages.wait(phone=UA, after=first.id, timeout=10).codes == ["2222"]
    thread.join()


def test_a_wait_in_vain_fails_listing_the_filters_and_the_candidates(mock):
    send_inteltele(mock, "Код 1111", to="380501234568")
    with pytest.raises(AssertionError) as failure:
        mock.messages.wait(phone=UA, status="delivered", timeout=0.05)
    text = str(failure.value)
    assert text.startswith("no message matching phone='380501234567', status='delivered' "
                           "within 0.05s\ncandidates (1):\n")
    assert "to 380501234568 [sent] viber: 'Код 1111' codes=['1111']" in text


def test_a_wait_in_vain_on_an_empty_mock_says_nothing_came(mock):
    with pytest.raises(AssertionError, match="the mock holds no such message"):
        mock.messages.wait(phone=UA, timeout=0)


def test_a_bad_wait_is_a_control_error_not_an_assertion(mock):
    with pytest.raises(ControlError) as failure:
        mock.messages.wait(status="arrived", timeout=0)
    assert failure.value.status == 400


# --- code ------------------------------------------------------------------------------------
def test_code_reads_the_newest_code_sent_to_the_number(mock):
    send_inteltele(mock, "Ваш код: 1111")
    send_inteltele(mock, "Ваш код: 2222")
    send_inteltele(mock, "Ваш код: 3333", to="380501234568")
    assert mock.messages.code(UA) == "2222"


def test_code_waits_for_a_code_sent_from_a_background_thread(mock):
    send_inteltele(mock, "Добро пожаловать!")  # no code in it: the wait goes on past it
    thread = in_background(lambda: (send_inteltele(mock, "Заказ 5555 принят"),
                                    send_inteltele(mock, "Код для входа: 8392")))
    assert mock.messages.code(UA, timeout=10) == "8392"
    thread.join()


def test_code_after_a_message_takes_a_newer_one(mock):
    send_inteltele(mock, "Ваш код: 1111")
    first = mock.messages.one(phone=UA)
    thread = in_background(lambda: send_inteltele(mock, "Ваш код: 2222"))
    assert mock.messages.code(UA, after=first.id, timeout=10) == "2222"
    thread.join()


def test_no_code_in_time_fails_listing_the_messages_to_the_number(mock):
    send_inteltele(mock, "Заказ №12345 принят")
    with pytest.raises(AssertionError) as failure:
        mock.messages.code(UA, timeout=0.05)
    assert str(failure.value).startswith(
        "no one-time code in a message matching phone='380501234567' within 0.05s\n"
        "candidates (1):\n")
    assert "viber: 'Заказ №12345 принят'" in str(failure.value)


def test_no_code_to_the_number_lists_the_messages_sent_elsewhere(mock):
    send_inteltele(mock, "Код 4444", to="380501234568")
    with pytest.raises(AssertionError, match=r"(?s)candidates \(1\):.*to 380501234568"):
        mock.messages.code(UA, timeout=0)


# --- one -------------------------------------------------------------------------------------
def test_one_returns_the_only_match(mock):
    send_inteltele(mock, "Hi")
    assert mock.messages.one(phone=UA).channels[0].text == "Hi"


def test_one_with_none_matching_lists_the_messages_there_were(mock):
    send_inteltele(mock, "Hi there", to="380501234568")
    with pytest.raises(AssertionError) as failure:
        mock.messages.one(phone=UA)
    lines = str(failure.value).splitlines()
    assert lines[0] == "expected one message matching phone='380501234567', found none"
    assert lines[1] == "candidates (1):"
    assert "inteltele/demo to 380501234568 [sent] viber: 'Hi there'" in lines[2]


def test_one_with_several_matching_lists_them(mock):
    send_inteltele(mock, "one")
    send_inteltele(mock, "two")
    with pytest.raises(AssertionError) as failure:
        mock.messages.one(phone=UA)
    text = str(failure.value)
    assert text.startswith("expected one message matching phone='380501234567', found 2\n")
    assert "'one'" in text and "'two'" in text


def test_one_on_an_empty_mock_says_nothing_was_sent(mock):
    with pytest.raises(AssertionError, match="found none\nthe mock holds no such message"):
        mock.messages.one()


# --- violations ------------------------------------------------------------------------------
def test_assert_no_violations_passes_on_clean_requests(mock):
    send_inteltele(mock, "Hi")
    mock.assert_no_violations()


def test_assert_no_violations_explains_each_rule_broken(mock):
    send_inteltele(mock, "Hi", im_ttl="5")
    send_inteltele(mock, "Hi", sms_source="Shop")
    with pytest.raises(AssertionError) as failure:
        mock.assert_no_violations()
    text = str(failure.value)
    rules = [v.rule for v in mock.violations]
    assert text.startswith(f"{len(rules)} contract violation(s) in requests to the mock:\n")
    for violation in mock.violations:
        assert (f"  - rule {violation.rule} (field {violation.field}): {violation.message}\n"
                f"    in request {violation.request_id} to inteltele /im/send/ as demo") in text
    assert len(rules) == 2  # one per request: the ttl out of range, the half SMS pair


# --- accounts, scope and resets --------------------------------------------------------------
@pytest.mark.parametrize("provider", ["inteltele", "targetsms", "smsc"])
def test_a_tests_own_account_sends_and_reads_only_its_messages(mock, provider):
    send_inteltele(mock, "Код 9999")  # the demo account's: not this test's
    creds = mock.account(provider)
    assert mock.account(provider) is creds
    assert creds.login == mock.login and creds.login != "demo"
    SENDERS[provider](mock.url, creds, RU if provider != "inteltele" else UA, "Ваш код: 4821")
    message = mock.messages.one()
    assert (message.provider, message.login, message.codes) == (provider, creds.login, ["4821"])
    assert [r.login for r in mock.requests] == [creds.login]
    assert MockControl(mock.url).accounts.get(provider, creds.login).balance != "1000.00"


def test_a_fresh_account_copies_the_demo_settings(mock):
    creds = mock.account("smsc")
    account = mock.accounts.get("smsc", creds.login)
    demo = mock.accounts.get("smsc", "demo")
    assert account.sender_ids == demo.sender_ids and account.balance == demo.balance
    assert account.password == creds.password != demo.password


def test_without_a_demo_account_a_fresh_one_still_has_money(mock):
    mock.accounts.delete("targetsms", "demo")
    creds = mock.account("targetsms")
    assert mock.accounts.get("targetsms", creds.login).balance == "1000.00"


def test_credentials_under_each_providers_names():
    assert Credentials("inteltele", "l", "p", "k").params == {"username": "l", "api_key": "k"}
    assert Credentials("targetsms", "l", "p", "k").params == {"login": "l", "password": "p"}
    assert Credentials("smsc", "l", "p", "k").params == {"login": "l", "psw": "p"}


def test_reset_of_one_account_leaves_the_others(mock):
    creds = mock.account("inteltele")
    SENDERS["inteltele"](mock.url, creds, UA, "Hi")
    send_inteltele(mock, "Hi")
    mock.reset("inteltele", creds.login)
    assert mock.messages.all() == []
    assert mock.accounts.get("inteltele", creds.login).balance == "1000.00"
    assert len(MockControl(mock.url).messages.all()) == 1


def test_reset_of_everything(mock):
    send_inteltele(mock, "Hi")
    mock.clock.advance(60)
    mock.reset()
    assert mock.messages.all() == [] and mock.clock.now == "2026-01-01T09:00:00Z"


def test_a_scenario_file_is_loaded(mock, tmp_path):
    scenario = tmp_path / "scenario.toml"
    scenario.write_text('[[rules]]\nmatch = { phone = "380501234567" }\n'
                        'outcome = { viber = "undelivered" }\n', encoding="utf-8")
    mock.load_scenario_file(scenario)
    assert [rule.outcome for rule in mock.rules.list()] == [{"viber": "undelivered"}]


# --- answers on a shared server ---------------------------------------------------------------
def test_a_reply_answers_this_tests_account_not_the_last_writer(mock):
    """Two tests on one server write to the same phone; each answer goes to its own test."""
    first, second = mock, SmsMock(mock.url)
    mine, theirs = first.account("smsc"), second.account("smsc")
    SENDERS["smsc"](mock.url, mine, RU, "Confirm? Y/N")
    SENDERS["smsc"](mock.url, theirs, RU, "Confirm? Y/N")  # the last to write to the phone
    answer = first.reply(RU, "Y")
    assert (answer.provider, answer.login) == ("smsc", mine.login)
    assert answer.reply_to == first.messages.one().id
    assert [a.text for a in first.inbound] == ["Y"] and second.inbound == []


def test_a_reply_picks_the_account_that_wrote_to_the_phone_among_the_tests_own(mock):
    other = SmsMock(mock.url)
    SENDERS["inteltele"](mock.url, other.account("inteltele"), RU, "theirs")
    smsc = mock.account("smsc")
    mock.account("inteltele")  # the test's other account wrote nothing there
    SENDERS["smsc"](mock.url, smsc, RU, "mine, over SMSC")
    SENDERS["inteltele"](mock.url, other.account("inteltele"), RU, "theirs again")
    answer = mock.reply(RU, "ok")
    assert (answer.provider, answer.login) == ("smsc", mock.login)


def test_a_reply_before_anything_was_sent_goes_to_the_tests_only_account(mock):
    SENDERS["smsc"](mock.url, SmsMock(mock.url).account("smsc"), RU, "someone else's")
    creds = mock.account("smsc")
    answer = mock.reply(RU, "hello?")
    assert (answer.provider, answer.login, answer.reply_to) == ("smsc", creds.login, "")


def test_a_reply_with_several_accounts_and_nothing_sent_asks_for_the_provider(mock):
    mock.account("smsc"), mock.account("inteltele")
    with pytest.raises(AssertionError, match="name the provider="):
        mock.reply(RU, "hello?")
    assert mock.reply(RU, "hello?", provider="smsc", login=mock.login).login == mock.login
