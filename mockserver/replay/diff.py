"""Two normalised replies compared, and a short diff when they differ."""

from __future__ import annotations

import difflib

from .normalise import Normalised


def media_of(content_type: str) -> str:
    """The media type and charset, the parts of a Content-Type a client reads."""
    parts = [part.strip().lower() for part in content_type.split(";") if part.strip()]
    return "; ".join(parts)


def reply_lines(status: int, content_type: str, reply: Normalised) -> list[str]:
    return [f"HTTP {status} {media_of(content_type)}", *reply.lines()]


def differs(recorded: tuple[int, str, Normalised], replayed: tuple[int, str, Normalised]
            ) -> list[str]:
    """[] when the replies agree; otherwise a unified diff, recorded (-) against replayed (+)."""
    (status_a, type_a, reply_a), (status_b, type_b, reply_b) = recorded, replayed
    if (status_a, media_of(type_a), reply_a.kind, reply_a.form) == (
            status_b, media_of(type_b), reply_b.kind, reply_b.form):
        return []
    diff = difflib.unified_diff(reply_lines(*recorded), reply_lines(*replayed),
                                "recorded", "replayed", n=1, lineterm="")
    return list(diff)
