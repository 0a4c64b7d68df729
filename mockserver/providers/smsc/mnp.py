"""/sys/get_mnp.php: numbers ported between operators. With `date` (DD.MM.YYYY) the numbers
ported that day as a list; without it the whole base as a CSV file that starts `Phone;mccmnc`
(what clients stream to disk). The mock's base is the fixtures' operator table: it ports
nothing, so the lists are empty and the file has its header only."""

from __future__ import annotations

from datetime import datetime

from aiohttp import web

from .call_errors import MnpError
from .calls import ApiCall, CallError, endpoint, rows_text

CSV_HEADER = "Phone;mccmnc"


def handle(call: ApiCall) -> str | web.Response:
    date = call.text("date")
    if not date:
        return web.Response(body=(CSV_HEADER + "\n").encode("ascii"), headers={
            "Content-Type": "text/csv; charset=windows-1251",
            "Content-Disposition": 'attachment; filename="mnp.csv"'})
    try:
        datetime.strptime(date, "%d.%m.%Y")
    except ValueError:
        call.warn("date_format", "date", f"date is DD.MM.YYYY; got {date!r}")
        raise CallError(MnpError.PARAMETERS) from None
    return rows_text([], call.fmt, "phone")


get_mnp = endpoint(MnpError, handle)
