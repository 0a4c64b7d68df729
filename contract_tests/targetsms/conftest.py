"""Helpers for the TargetSMS-family contract: the three wires, spoken as a client would."""

from __future__ import annotations

import json
from xml.sax.saxutils import quoteattr

import pytest
from lxml import etree

DEMO = {"login": "demo", "password": "demo"}
# A Viber message with an SMS fallback, as the documents' examples send it.
VIBER_THEN_SMS = {"send_viber": "1", "sender_viber": "Shop", "text_viber": "Ваш заказ готов",
                  "send_sms": "2", "sender_sms": "Shop", "text_sms": "Заказ готов"}


def xml_request(inner: str, login: str = "demo", password: str = "demo") -> bytes:
    """A request document on one line, as the documents require."""
    return ('<?xml version="1.0" encoding="utf-8" ?><request><security>'
            f'<login value={quoteattr(login)} /><password value={quoteattr(password)} />'
            f'</security>{inner}</request>').encode()


def xml_message(fields: dict[str, str], abonents: list[tuple[str, str | None]],
                template: dict[str, str] | None = None) -> str:
    parts = ["<message>"]
    for name, value in fields.items():
        parts.append(f"<{name}>{escape_text(value)}</{name}>")
    if template is not None:
        parts.append("<templateData>" + "".join(
            f"<{k}>{escape_text(v)}</{k}>" for k, v in template.items()) + "</templateData>")
    for phone, client_id in abonents:
        extra = f" client_id_message={quoteattr(client_id)}" if client_id is not None else ""
        parts.append(f"<abonent phone={quoteattr(phone)}{extra} />")
    parts.append("</message>")
    return "".join(parts)


def escape_text(value: str) -> str:
    """XML text with line breaks written as the documents ask: "\\n"."""
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\n", "\\n"))


class Wires:
    """The platform's three wires over one aiohttp test client."""

    def __init__(self, client) -> None:
        self.client = client

    async def get(self, **params: str) -> str:
        response = await self.client.get("/sendmessage.php", params=params)
        assert response.status == 200
        assert response.content_type == "text/plain"
        return await response.text()

    async def json(self, document) -> dict:
        body = document if isinstance(document, bytes | str) else json.dumps(document)
        response = await self.client.post("/sendmessagejson.php", data=body,
                                          headers={"Content-Type": "application/json"})
        assert response.status == 200
        assert response.content_type == "application/json"
        return json.loads(await response.read())

    async def xml(self, path: str, body: bytes) -> etree._Element:
        response = await self.client.post(path, data=body, headers={"Content-Type": "text/xml"})
        assert response.status == 200
        assert response.content_type == "text/xml"
        raw = await response.read()
        assert raw.startswith(b'<?xml version="1.0" encoding="utf-8"?><response>')
        assert b"\n" not in raw
        return etree.fromstring(raw)

    async def xml_send(self, *messages: str, **credentials: str) -> etree._Element:
        return await self.xml("/xml/message.php", xml_request("".join(messages), **credentials))

    async def xml_state(self, *ids: str) -> etree._Element:
        inner = "<state>" + "".join(f"<id_message>{i}</id_message>" for i in ids) + "</state>"
        return await self.xml("/xml/state_message.php", xml_request(inner))

    async def status(self, id_message: str) -> str:
        return await self.get(**DEMO, id_message=id_message)

    async def state(self, *ids: str) -> list[dict]:
        reply = await self.json({**DEMO, "state": [{"id_message": i} for i in ids]})
        return reply["state"]

    async def violations(self) -> list[dict]:
        response = await self.client.get("/__admin/violations")
        return (await response.json())["violations"]

    async def messages(self, **query: str) -> list[dict]:
        response = await self.client.get("/__admin/messages",
                                         params={"provider": "targetsms", **query})
        return (await response.json())["messages"]


@pytest.fixture
def wires(client) -> Wires:
    return Wires(client)


@pytest.fixture
def demo(state):
    return state.accounts.get("targetsms", "demo")
