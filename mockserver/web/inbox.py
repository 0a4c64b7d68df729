"""The web inbox: every message the mock accepted, newest first, refreshed as it changes."""

from __future__ import annotations

from importlib.resources import files

from aiohttp import web

INBOX_PATH = "/__admin/inbox"


async def inbox(request: web.Request) -> web.Response:
    page = files("mockserver.web").joinpath("templates/inbox.html").read_text(encoding="utf-8")
    return web.Response(text=page, content_type="text/html")


async def root(request: web.Request) -> web.Response:
    raise web.HTTPFound(INBOX_PATH)


def setup_inbox(app: web.Application) -> None:
    app.router.add_get(INBOX_PATH, inbox)
    app.router.add_get("/", root)
