"""/sys/get_mnp.php: numbers ported between operators. With `date` (DD.MM.YYYY) the numbers
ported that day as a list; without it the whole base as a CSV file that starts `Phone;mccmnc`
(what clients stream to disk). The mock's base is the fixtures' operator table: it ports
nothing, so the lists are empty and the file has its header only."""

from __future__ import annotations

from datetime import datetime

from aiohttp import web

from .call_errors import MnpError
from .calls import ApiCall, endpoint, rows_text
from .errors import SmscError

CSV_HEADER = "Phone;mccmnc"
AS_FILE = web.RequestKey("smsc_mnp_file", bool)


def handle(call: ApiCall) -> str:
    date = call.text("date")
    if not date:
        call.request[AS_FILE] = True
        return CSV_HEADER + "\n"
    try:
        datetime.strptime(date, "%d.%m.%Y")
    except ValueError:
        call.warn("date_format", "date", f"date is DD.MM.YYYY; got {date!r}")
        raise SmscError(MnpError.PARAMETERS) from None
    return rows_text([], call.fmt, "phone")


_path = endpoint(MnpError, handle)


async def get_mnp(request: web.Request) -> web.StreamResponse:
    """The base goes out as a CSV file, whatever `fmt` says; refusals as the path's errors."""
    response = await _path(request)
    if request.get(AS_FILE):
        response.headers["Content-Type"] = "text/csv; charset=windows-1251"
        response.headers["Content-Disposition"] = 'attachment; filename="mnp.csv"'
    return response
