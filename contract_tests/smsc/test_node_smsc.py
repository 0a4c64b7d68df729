"""The npm client node-smsc 0.2.3, installed from the registry, drives every call it offers
against a running mock (node_smsc_driver.js); skipped where node or npm is missing, or where
the registry cannot be reached."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

PACKAGE = "node-smsc@0.2.3"
DRIVER = Path(__file__).with_name("node_smsc_driver.js")
PHONE = "79001234567"


@pytest.fixture(scope="module")
def node_modules(tmp_path_factory) -> Path:
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.skip("node and npm are needed to run node-smsc")
    where = tmp_path_factory.mktemp("node-smsc")
    try:
        # Bounded, so that a machine without the registry skips instead of waiting on it.
        subprocess.run([npm, "install", "--no-audit", "--no-fund", "--silent",
                        "--fetch-retries=1", "--fetch-timeout=30000", "--prefix", str(where),
                        PACKAGE], check=True, capture_output=True, timeout=180)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        pytest.skip(f"npm could not install {PACKAGE}: {exc}")
    return where / "node_modules"


@pytest.fixture(scope="module")
def results(live, node_modules) -> dict:
    live.state.reset()
    done = subprocess.run(["node", str(DRIVER), str(node_modules), live.url], check=True,
                          capture_output=True, timeout=120, text=True)
    return json.loads(done.stdout)


def ok(results: dict, name: str):
    assert "ok" in results[name], (name, results[name])
    return results[name]["ok"]


def test_balance_and_senders(results):
    assert ok(results, "balance") == {"balance": "1000.00"}
    assert [s["sender"] for s in ok(results, "senders")] == ["SMSC.ru", "Demo", "MyShop"]


def test_sms_mms_and_hlr_sends(results, live):
    assert ok(results, "send") == {"id": 1, "cnt": 1}
    assert ok(results, "send_own_id") == {"id": 10, "cnt": 1}
    assert ok(results, "send_long")["cnt"] == 5  # 720 Latin characters
    assert ok(results, "send_mms")["cnt"] == 1
    assert ok(results, "send_hlr")["cnt"] == 1
    mms = [m for m in live.state.messages if m.channels[0].channel == "mms"]
    assert mms[0].meta["subj"] == "Me"
    assert mms[0].meta["files"][0]["content_type"] == "image/gif"


def test_status_and_its_deletion(results):
    status = ok(results, "status")
    assert (status["status"], status["phone"], status["message"]) == (0, PHONE, "hello!")
    assert ok(results, "status_del") == {"result": "OK"}


def test_templates_and_a_mailing_from_one(results, live):
    assert ok(results, "templates_add") == {"id": 1}
    assert ok(results, "templates_chg") == {"result": "OK"}
    assert ok(results, "templates_get") == [{"id": 1, "format": "sms", "sender": "", "fl": 0,
                                             "name": "tpl", "message": "Changed."}]
    assert ok(results, "templates_del") == {"result": "OK"}
    assert ok(results, "jobs_add") == {"id": 1} and ok(results, "jobs_add_mms") == {"id": 2}
    assert [j["name"] for j in ok(results, "jobs_get")] == ["Рассылка", "MMS"]
    assert ok(results, "jobs_cancel") == ok(results, "jobs_del") == {"result": "OK"}
    texts = [m.channels[0].text for m in live.state.messages if m.meta.get("job") == 1]
    assert texts == ["Changed."]
    [mms] = [m for m in live.state.messages if m.meta.get("job") == 2]
    assert (mms.channels[0].channel, mms.meta["files"][0]["field"]) == ("mms", "picture")


def test_contacts_groups_and_the_blacklist_send_php_honours(results):
    assert ok(results, "phones_add") == {"id": 1}
    group = ok(results, "phones_add_group")["id"]
    assert ok(results, "phones_move_group") == {"result": "OK"}
    assert ok(results, "phones_get") == [{"id": 1, "phone": "79005550001", "grp": str(group),
                                          "name": "Ivan"}]
    assert ok(results, "phones_get_group") == [{"id": group, "num": 1, "name": "Friends"}]
    assert ok(results, "phones_chg") == {"result": "OK"}
    assert "id" in ok(results, "phones_add_black")
    assert results["send_blacklisted"]["code"] == 6  # message is denied
    for name in ("phones_del_black", "phones_del_group", "phones_del"):
        assert ok(results, name) == {"result": "OK"}


def test_sub_clients(results, live):
    assert ok(results, "users_get_none") == []  # error 3, which node-smsc reads as none
    assert ok(results, "users_add") == {"id": 1}
    assert ok(results, "users_chg") == ok(results, "users_pay") == {"result": "OK"}
    assert ok(results, "users_get_stat") == []
    assert str(live.state.accounts.get("smsc", "sub1").balance) == "10.00"


def test_number_information_and_dedicated_numbers(results):
    assert ok(results, "info") == {"country": "Россия", "operator": "Tele2", "region": "Москва",
                                   "mcc": "250", "mnc": "20", "tz": 3}
    numbers = ok(results, "receive_phones_get")
    assert numbers[0] == {"phone": "79990000100", "cost": "500.00"}
    assert ok(results, "receive_phones_buy") == {"result": "OK"}
    assert ok(results, "get_mnp_date") == []
    assert ok(results, "get_mnp_file") == "Phone;mccmnc\n"


def test_data_retrieval(results):
    history = ok(results, "get_messages")
    assert [row["message"] for row in history][-1] == "hello!"
    assert ok(results, "get_answers") == []
    assert ok(results, "get_stat")[0]["cnt"] >= 5
    assert ok(results, "get_mega_accounts") == []
    assert {"channel": "sms", "country": "ru", "mnc": "", "cost": "1.40"} in \
        ok(results, "get_price")["zones"]


def test_a_wrong_password_is_the_documented_error(results):
    assert results["wrong_password"] == {"error": "authorise error (2)", "code": 2}
