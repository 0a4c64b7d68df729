"""JSON bodies with a bound on nesting: a hostile document of a million brackets is refused as
the provider refuses unreadable JSON, never by a RecursionError in the parser or after it."""

from __future__ import annotations

import json
from typing import Any

# The deepest document a provider's own examples reach is 4 levels (TargetSMS's templateData
# inside a message inside the request); 32 leaves clients ample room.
MAX_DEPTH = 32


class TooDeep(ValueError):
    """The JSON document nests deeper than MAX_DEPTH."""


def depth(document: Any) -> int:
    """How deeply lists and objects nest (a scalar is 0), walked without recursion."""
    deepest, stack = 0, [(document, 1)]
    while stack:
        value, level = stack.pop()
        if isinstance(value, dict):
            value = value.values()
        elif not isinstance(value, list):
            continue
        deepest = max(deepest, level)
        stack.extend((item, level + 1) for item in value if isinstance(item, dict | list))
    return deepest


def loads(text: str, **options: Any) -> Any:
    """json.loads, refusing a document nested deeper than MAX_DEPTH (TooDeep, a ValueError)."""
    try:
        document = json.loads(text, **options)
    except RecursionError:
        raise TooDeep(f"the JSON document nests deeper than {MAX_DEPTH} levels") from None
    # Nesting needs an opening bracket a level: a document with few of them (every real one)
    # cannot be too deep, and counting them costs far less than walking the tree.
    if text.count("{") + text.count("[") > MAX_DEPTH and depth(document) > MAX_DEPTH:
        raise TooDeep(f"the JSON document nests deeper than {MAX_DEPTH} levels")
    return document
