"""What the mock answers to a request that no provider serves: a 404 naming the nearest known
path and its methods (WireMock's near miss), and a CONNECT refused with what to do instead."""

from __future__ import annotations

from aiohttp import web

from .core.journal import Violation
from .edge import EDGES

UNMATCHED_LIST = "GET /__admin/requests?unmatched=1"
HTTPS_PROXY_REFUSED = (
    "HTTPS proxying (CONNECT) is not offered: the mock would have to impersonate the "
    "provider's certificate. Point the client at the mock's plain http://host:port base URL "
    "instead (or use it as a plain HTTP proxy for http:// URLs).")


def known_routes(app: web.Application) -> dict[str, list[str]]:
    """Every provider path with the methods it answers."""
    routes: dict[str, set[str]] = {}
    for edge in app[EDGES].values():
        for route in edge.routes:
            routes.setdefault(route.path, set()).add(route.method)
    return {path: sorted(methods) for path, methods in routes.items()}


def near_miss(path: str, routes: dict[str, list[str]]) -> str | None:
    """The known path closest to `path`, if any is close."""
    import difflib  # only a request to an unknown path needs it

    found = difflib.get_close_matches(path, list(routes), n=1, cutoff=0.6)
    return found[0] if found else None


def not_found(request: web.Request) -> tuple[web.Response, Violation]:
    """The 404 for a path no provider has, and the journal's explanation of it."""
    routes = known_routes(request.app)
    nearest = near_miss(request.path, routes)
    said = f"No provider API answers {request.method} {request.path}."
    if nearest is not None:
        methods = " or ".join(routes[nearest])
        hint = f"did you mean {nearest}? ({methods})"
        said += f" Did you mean {nearest}? ({methods})"
    else:
        hint = "the provider paths are " + ", ".join(sorted(routes))
        said += " The provider paths are: " + ", ".join(sorted(routes)) + "."
    said += f"\nUnmatched requests are listed at {UNMATCHED_LIST}.\n"
    violation = Violation("unknown_path", "", f"no provider API has {request.path}; {hint}")
    return web.Response(status=404, text=said, content_type="text/plain"), violation


def connect_refused(request: web.Request) -> tuple[web.Response, Violation]:
    response = web.Response(status=501, text=HTTPS_PROXY_REFUSED + "\n",
                            content_type="text/plain")
    return response, Violation("https_proxy_not_offered", "", HTTPS_PROXY_REFUSED)
