"""The web inbox: a static page and its script, fed JSON by the control plane and pushed
changes by server-sent events."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from aiohttp import web

from ..admin.routes import AdminError, message_page
from ..edge import STATE
from .answers import page_answers
from .detail import inbox_view, message_detail
from .files import FILES_PATH, file_response
from .links import RequestLinks
from .live import LiveFeed

INBOX_PATH = "/__admin/inbox"
FEED = web.AppKey("inbox_feed", LiveFeed)
STATIC = {"inbox.js": "text/javascript", "inbox.css": "text/css"}
STATIC_DIR = Path(__file__).resolve().parent / "static"  # shipped as files, beside this module


@cache
def _asset(name: str) -> str:
    return (STATIC_DIR / name).read_text(encoding="utf-8")


async def inbox(request: web.Request) -> web.Response:
    return web.Response(text=_asset("inbox.html"), content_type="text/html",
                        headers={"Cache-Control": "no-cache"})


async def root(request: web.Request) -> web.Response:
    raise web.HTTPFound(INBOX_PATH)


async def asset(request: web.Request) -> web.Response:
    name = request.match_info["name"]
    if name not in STATIC:
        raise web.HTTPNotFound()
    return web.Response(text=_asset(name), content_type=STATIC[name],
                        headers={"Cache-Control": "no-cache"})


async def page(request: web.Request) -> web.Response:
    """GET /__admin/messages's page, each message with its request's violations, and for one
    phone the answers its owner sent in the time the page spans."""
    feed, state = request.app[FEED], request.app[STATE]
    found, following = message_page(state, request.query)
    return web.json_response({"messages": [inbox_view(m, feed.links) for m in found],
                              "next": following,
                              "inbound": page_answers(state, request.query, found, following)})


async def detail(request: web.Request) -> web.Response:
    state, feed = request.app[STATE], request.app[FEED]
    return web.json_response(message_detail(state, feed.links, _message(request)))


def _message(request: web.Request):
    message = request.app[STATE].messages.get(request.match_info["id"])
    if message is None:
        raise AdminError(404, "message_not_found", f"no message {request.match_info['id']!r}")
    return message


async def uploaded_file(request: web.Request) -> web.Response:
    return file_response(_message(request), request.app[FEED].links,
                         request.match_info["index"])


async def events(request: web.Request) -> web.StreamResponse:
    return await request.app[FEED].serve(request)


def setup_inbox(app: web.Application) -> None:
    state = app[STATE]
    links = RequestLinks(capacity=state.limits.journal_size)
    state.on_reset(links.clear)
    app[FEED] = feed = LiveFeed(state, links)
    app.on_shutdown.append(feed.close_all)
    app.router.add_get("/", root)
    app.router.add_get(INBOX_PATH, inbox)
    app.router.add_get(INBOX_PATH + "/static/{name}", asset)
    app.router.add_get(INBOX_PATH + "/messages", page)
    app.router.add_get(INBOX_PATH + "/messages/{id}", detail)
    app.router.add_get(FILES_PATH, uploaded_file)
    app.router.add_get(INBOX_PATH + "/events", events)
