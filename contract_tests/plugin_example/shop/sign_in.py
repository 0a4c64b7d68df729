"""Signing in with a one-time code sent by SMS, from a background thread."""

from __future__ import annotations

import json
import secrets
import threading
import urllib.parse
import urllib.request


def _send_inteltele(base_url: str, credentials: dict[str, str], phone: str, text: str) -> None:
    query = {**credentials, "to": phone, "im_message": text, "sms_message": text,
             "sms_source": "Shop"}
    reply = _get(f"{base_url}/im/send/?" + urllib.parse.urlencode(query))
    if json.loads(reply)["reply"][0]["status"] != "OK":
        raise RuntimeError(f"IntelTele refused the send: {reply!r}")


def _send_targetsms(base_url: str, credentials: dict[str, str], phone: str, text: str) -> None:
    query = {**credentials, "phone": phone, "send_sms": "1", "sender_sms": "Shop",
             "text_sms": text}
    reply = _get(f"{base_url}/sendmessage.php?" + urllib.parse.urlencode(query))
    if not reply.strip().isdigit():
        raise RuntimeError(f"TargetSMS refused the send: {reply!r}")


def _send_smsc(base_url: str, credentials: dict[str, str], phone: str, text: str) -> None:
    query = {**credentials, "phones": phone, "mes": text, "charset": "utf-8", "fmt": "3"}
    reply = json.loads(_get(f"{base_url}/sys/send.php?" + urllib.parse.urlencode(query)))
    if "error" in reply:
        raise RuntimeError(f"SMSC refused the send: {reply}")


SENDERS = {"inteltele": _send_inteltele, "targetsms": _send_targetsms, "smsc": _send_smsc}


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read()


class SignIn:
    """The application: it texts a code and later checks the one the user types."""

    def __init__(self, sms_base_url: str, provider: str, credentials: dict[str, str]) -> None:
        self.base_url = sms_base_url
        self.send = SENDERS[provider]
        self.credentials = credentials
        self._codes: dict[str, str] = {}
        self.jobs: list[threading.Thread] = []

    def request_code(self, phone: str) -> None:
        """Returns at once; the SMS goes out from a background job."""
        code = f"{secrets.randbelow(1_000_000):06d}"
        self._codes[phone] = code
        job = threading.Thread(target=self.send, daemon=True, args=(
            self.base_url, self.credentials, phone, f"Ваш код для входа: {code}. "
                                                    "Никому его не сообщайте."))
        job.start()
        self.jobs.append(job)

    def sign_in(self, phone: str, code: str) -> bool:
        return secrets.compare_digest(self._codes.get(phone, ""), code)
