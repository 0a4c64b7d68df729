"""The files uploaded with a message (an MMS, an e-mail), served from the request that created
it while the journal holds it. Only plain image types are served as themselves, for the inbox
to show inline; anything else (HTML, SVG, scripts) comes back as a download, never rendered."""

from __future__ import annotations

from typing import Any

from aiohttp import hdrs, web
from aiohttp.helpers import content_disposition_header

from ..admin.routes import AdminError
from ..core.messages import Message
from ..providers.smsc.attachments import file_parts
from .links import RequestLinks

INLINE_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp"})
FILES_PATH = "/__admin/inbox/messages/{id}/files/{index}"


def files_view(message: Message) -> list[dict[str, Any]]:
    """The message's files as it keeps them, each with where to fetch it and whether the
    inbox may show it inline."""
    return [{**kept, "url": FILES_PATH.format(id=message.id, index=index),
             "inline": kept.get("content_type") in INLINE_TYPES}
            for index, kept in enumerate(message.meta.get("files") or [])]


def file_response(message: Message, links: RequestLinks, index: str) -> web.Response:
    kept = message.meta.get("files") or []
    if not index.isdigit() or int(index) >= len(kept):
        raise AdminError(404, "file_not_found",
                         f"message {message.id} has {len(kept)} file(s), no {index!r}")
    entry = links.entry_of(message.id)
    parts = file_parts(entry.content_type, entry.raw_body) if entry is not None else []
    if int(index) >= len(parts):
        raise AdminError(404, "file_gone", f"the request that uploaded message {message.id}'s "
                         "files is no longer in the journal")
    _field, filename, content_type, payload = parts[int(index)]
    inline = content_type in INLINE_TYPES
    headers = {
        hdrs.CONTENT_DISPOSITION: content_disposition_header(
            "inline" if inline else "attachment", filename=filename),
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; sandbox",
        "Cache-Control": "no-cache"}
    return web.Response(body=payload, headers=headers,
                        content_type=content_type if inline else "application/octet-stream")
