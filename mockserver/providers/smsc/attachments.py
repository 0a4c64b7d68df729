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

def file_parts(content_type: str, body: bytes) -> list[tuple[str, str, str, bytes]]:
    """The files of a multipart request (parts with a filename), the first MAX_FILES: field,
    file name, content type and bytes."""
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
        files.append((part.get_param("name", header="content-disposition") or "", filename,
                      part.get_content_type(), part.get_payload(decode=True) or b""))
    return files


def uploaded_files(content_type: str, body: bytes) -> list[dict[str, Any]]:
    """The files of a multipart request as the message keeps them: field, file name, content
    type and size."""
    return [{"field": field, "filename": filename, "content_type": kind, "size": len(payload),
             "truncated": len(payload) > MAX_FILE_BYTES}
            for field, filename, kind, payload in file_parts(content_type, body)]


def attach_files(command: SendCommand, request: web.Request) -> None:
    """An MMS or an e-mail keeps the files uploaded with it (multipart), as their descriptions."""
    if command.contents[0].channel in (Channel.MMS, Channel.MAIL):
        files = uploaded_files(request.headers.get("Content-Type", ""), request.get(BODY, b""))
        if files:
            command.meta["files"] = files
