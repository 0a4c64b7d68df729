"""Ids the target hands out in place of the recorded ones: an id that reply 3 returned and
request 7 used is replaced, in request 7, by the id the target returned for request 3."""

from __future__ import annotations

import json
import re
from typing import Any

from .normalise import ID_KEYS, NOT_AN_ID

# Parameters (and JSON keys, XML elements) a client puts ids it was given into.
ID_PARAMS = ID_KEYS | {"requests", "ids"}
LONG_ID = 8  # an id this long is replaced wherever it stands as a whole token
_TOKEN_EDGE = r"[A-Za-z0-9_-]"


class IdMap:
    def __init__(self) -> None:
        self.target_of: dict[str, str] = {}

    def learn(self, recorded: list[str], replayed: list[str]) -> None:
        """Pair the ids of one reply by their place in it."""
        for old, new in zip(recorded, replayed, strict=False):
            if old not in NOT_AN_ID and new not in NOT_AN_ID:
                self.target_of.setdefault(old, new)

    @property
    def target_ids(self) -> set[str]:
        return set(self.target_of.values())

    def _changed(self) -> dict[str, str]:
        return {old: new for old, new in self.target_of.items() if old != new}

    def _tokens(self, text: str, changed: dict[str, str]) -> str:
        if not changed:
            return text
        pattern = re.compile(rf"(?<!{_TOKEN_EDGE})("
                             + "|".join(re.escape(old) for old in sorted(changed, key=len,
                                                                         reverse=True))
                             + rf")(?!{_TOKEN_EDGE})")
        return pattern.sub(lambda m: changed[m.group(1)], text)

    def rewrite_pairs(self, encoded: str) -> str:
        """A query string or form body: ids in the values of id parameters; long ids anywhere."""
        changed = self._changed()
        if not changed:
            return encoded

        def value(match: re.Match) -> str:
            name = match.group(2).lower()
            if name in ID_PARAMS:
                return match.group(1) + match.group(2) + "=" + self._tokens(match.group(3),
                                                                           changed)
            return match.group(0)

        encoded = re.sub(r"(^|&)([^=&]+)=([^&]*)", value, encoded)
        return self._tokens(encoded, {k: v for k, v in changed.items() if len(k) >= LONG_ID})

    def rewrite_body(self, body: bytes, content_type: str) -> bytes:
        changed = self._changed()
        if not changed or not body:
            return body
        stripped = body.lstrip()
        if stripped.startswith((b"{", b"[")):
            try:
                document = json.loads(body)
            except ValueError:
                return body
            rewritten = self._json(document, "", changed)
            if rewritten == document:
                return body
            return json.dumps(rewritten, ensure_ascii=False).encode("utf-8")
        if stripped.startswith(b"<"):
            text = body.decode("latin-1")  # byte-preserving; ids are ASCII
            names = "|".join(sorted(ID_PARAMS))
            text = re.sub(rf"(<({names})\b[^>]*>)([^<]*)(</)",
                          lambda m: m.group(1) + self._tokens(m.group(3), changed) + m.group(4),
                          text)
            text = re.sub(rf"(\b({names})=\")([^\"]*)(\")",
                          lambda m: m.group(1) + self._tokens(m.group(3), changed) + m.group(4),
                          text)
            return text.encode("latin-1")
        if b"=" in body:
            return self.rewrite_pairs(body.decode("latin-1")).encode("latin-1")
        return body

    def _json(self, node: Any, key: str, changed: dict[str, str]) -> Any:
        if isinstance(node, dict):
            return {name: self._json(value, name, changed) for name, value in node.items()}
        if isinstance(node, list):
            return [self._json(item, key, changed) for item in node]
        if key.lower() in ID_PARAMS and isinstance(node, str | int) and not isinstance(node,
                                                                                     bool):
            text = self._tokens(str(node), changed)
            return text if isinstance(node, str) or not text.isdigit() else int(text)
        return node
