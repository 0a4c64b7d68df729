"""The yardstick: a bare aiohttp handler answering a small JSON body, nothing else, on
asyncio's default loop. It imports nothing of the mock, so that its start-up is a bare
server's."""

from __future__ import annotations

import asyncio
import sys

from aiohttp import web

BODY = b'{"reply": [{"status": "OK"}]}'


async def handler(request: web.Request) -> web.Response:
    await request.read()
    return web.Response(body=BODY, content_type="application/json")


async def serve(port: int) -> None:
    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handler)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    print("ready", flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(serve(int(sys.argv[1])))
