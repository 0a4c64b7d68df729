"""A request in the platform's own field names, whatever wire it came on.

GET query parameters, a JSON document and an XML document all carry the same message fields
(send_viber, text_viber, sender_sms, ...); each wire module fills these plain shapes, and
`commands.build_send` reads them, so the three wires cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

MESSAGE_FIELDS = (
    "send_viber", "send_vk", "send_sms", "name_delivery", "time_send",
    "sender_viber", "text_viber", "button_text", "button_url", "image_url",
    "validity_period_viber", "finale_viber_read", "sender_sms", "text_sms", "templateId",
)


@dataclass(slots=True)
class Abonent:
    """A recipient: the phone as written, and the client's own message ID (JSON and XML)."""

    phone: str
    client_id: str = ""


@dataclass(slots=True)
class MessageFields:
    """One message: its scalar fields as text, its recipients, and templateData as given (an
    object from JSON or XML, JSON text from GET, None when absent)."""

    values: dict[str, str] = field(default_factory=dict)
    abonents: list[Abonent] = field(default_factory=list)
    template_data: Any = None

    def get(self, name: str) -> str:
        return self.values.get(name, "")


@dataclass(slots=True)
class DocumentRequest:
    """A JSON or XML request: credentials, then messages to send or IDs to look up (None when
    the document has no such part)."""

    login: str
    password: str
    messages: list[MessageFields] | None = None
    state_ids: list[str] | None = None

    @property
    def phone_count(self) -> int:
        return sum(len(message.abonents) for message in self.messages or ())
