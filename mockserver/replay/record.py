"""Save a running mock's recording (GET /__admin/requests/export) to a file."""

from __future__ import annotations

import shutil
import urllib.request


def save_export(url: str, out: str, timeout: float = 30) -> int:
    """Stream the export into `out`; the number of lines written."""
    request = urllib.request.Request(url.rstrip("/") + "/__admin/requests/export")
    with urllib.request.urlopen(request, timeout=timeout) as response, open(out, "wb") as file:
        shutil.copyfileobj(response, file)
    with open(out, "rb") as file:
        return sum(1 for _ in file)
