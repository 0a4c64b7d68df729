"""Files uploaded with an MMS (multipart/form-data): what the message keeps of them."""

from __future__ import annotations

from email.parser import BytesParser
from email.policy import HTTP
from typing import Any

from aiohttp import web

from ...core.billing import Channel
from ...core.sending import SendCommand
from ..http import BODY

MAX_FILES = 20
MAX_FILE_BYTES = 1_048_576

def uploaded_files(content_type: str, body: bytes) -> list[dict[str, Any]]:
    """The files of a multipart request (parts with a filename), as the message keeps them:
    field, file name, content type and size."""
    if not content_type.startswith("multipart/") or not body:
        return []
    parsed = BytesParser(policy=HTTP).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body)
    if not parsed.is_multipart():
        return []
    files = []
    for part in parsed.iter_parts():
        filename = part.get_filename()
        if not filename or len(files) >= MAX_FILES:
            continue
        payload = part.get_payload(decode=True) or b""
        files.append({"field": part.get_param("name", header="content-disposition") or "",
                      "filename": filename, "content_type": part.get_content_type(),
                      "size": len(payload), "truncated": len(payload) > MAX_FILE_BYTES})
    return files


def attach_files(command: SendCommand, request: web.Request) -> None:
    """An MMS or an e-mail keeps the files uploaded with it (multipart), as their descriptions."""
    if command.contents[0].channel in (Channel.MMS, Channel.MAIL):
        files = uploaded_files(request.headers.get("Content-Type", ""), request.get(BODY, b""))
        if files:
            command.meta["files"] = files
