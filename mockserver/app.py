"""The aiohttp application: provider edges, the control plane and the inbox around one core.
This module only wires; what runs around and beside the requests lives in `middleware` and
`background`."""

from __future__ import annotations

from aiohttp import web

from .background import background_tasks, report_listener
from .core.state import MockState
from .edge import EDGES, PROVIDER_PATHS, STATE, ProviderEdge
from .middleware import provider_middleware


def create_app(state: MockState, edges: list[ProviderEdge] | None = None,
               client_max_size: int | None = None) -> web.Application:
    from .admin.routes import setup_admin
    from .providers import all_edges
    from .web.inbox import setup_inbox

    edges = edges if edges is not None else all_edges()
    max_size = client_max_size or state.limits.max_body_bytes
    # A URL may be as long as a body (PHP clients put whole messages in GET queries).
    app = web.Application(
        middlewares=[*(m for edge in edges for m in edge.middlewares), provider_middleware],
        client_max_size=max_size, handler_args={"max_line_size": max_size})
    app[STATE] = state
    app[EDGES] = {}
    app[PROVIDER_PATHS] = {}
    for edge in edges:
        app[EDGES][edge.name] = edge
        app.router.add_routes(edge.routes)
        for route in edge.routes:
            app[PROVIDER_PATHS][route.path] = edge.name
        if edge.money_step is not None:
            state.pricing.money_steps[edge.name] = edge.money_step
        if edge.setup is not None:
            edge.setup(state)
    state.simulator.listeners.append(report_listener(app))
    setup_admin(app)
    setup_inbox(app)
    app.cleanup_ctx.append(background_tasks)
    return app
