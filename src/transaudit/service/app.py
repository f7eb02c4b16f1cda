"""The Starlette application of `transaudit serve` (docs/service.md).

Endpoints: `GET /` (the check page), `GET /healthz`, `POST /v1/lint`, `GET /v1/rules`,
`GET /v1/glossary`, and LanguageTool's `POST /v2/check` and `GET /v2/languages`.

Every check runs in a worker process (worker.py) under a deadline (504 past it); at most
`max_pending` checks are queued or running at once, more get 503. Request text and paths are never
logged: the access log names the method, the route (or "-"), the status and the time. The service
reads only its own configuration and glossary files; the `path` of a request is a label.
"""
from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import logging
import re
import time
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib import resources

from starlette.applications import Starlette
from starlette.datastructures import Headers, UploadFile
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from .. import __version__
from ..config import rule_catalog
from ..document import detect_format
from . import languagetool as lt
from .reload import Reloader
from .worker import Busy, Crashed, Overran, Workers, check_v2, lint_v1

log = logging.getLogger("transaudit.service")
access_log = logging.getLogger("transaudit.service.access")

FORMATS = ("text", "markdown", "html")
LINT_KEYS = frozenset({"text", "format", "path"})
MAX_PATH = 1024
PUBLIC = frozenset({"/", "/healthz"})  # reachable without the bearer token
ROUTES = ("/", "/healthz", "/v1/lint", "/v1/rules", "/v1/glossary", "/v2/check", "/v2/languages")
SECURITY_HEADERS = [(b"cache-control", b"no-store"), (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer")]


@dataclass(frozen=True)
class Limits:
    max_body: int = 2 * 1024 * 1024  # bytes of one request body (413 above)
    max_text: int = 100_000          # characters of one text (413 above)
    timeout: float = 10.0            # seconds one check may take, queueing included (504 above)
    jobs: int = 2                    # checks running at once, each in a worker process
    max_pending: int = 32            # checks queued or running at once (503 above)


@dataclass(frozen=True)
class Settings:
    limits: Limits = Limits()
    token: str | None = None                # bearer token every non-public route requires
    cors_origins: tuple[str, ...] = ()
    reload_interval: float = 2.0            # seconds between checks of the watched files; 0: never


class HTTPError(Exception):
    def __init__(self, status: int, message: str, headers: dict | None = None):
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers


def error(status: int, message: str, headers: dict | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


# ---------------------------------------------------------------- middleware


class AccessLog:
    """One line per request: client, method, route, status, milliseconds. Never the query string,
    the body, or a path that is not a route (it could carry text). Adds no-store and nosniff headers."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        start, status = time.perf_counter(), [500]

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                status[0] = message["status"]
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        finally:
            client = (scope.get("client") or ("-",))[0]
            route = scope["path"] if scope["path"] in ROUTES else "-"
            access_log.info("%s %s %s %d %.1f ms", client, scope["method"], route, status[0],
                            (time.perf_counter() - start) * 1000)


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int):
        super().__init__(413, f"request body larger than {limit} bytes")


class BodyLimit:
    """413 with a JSON body for a request body over `limit` bytes: at once when Content-Length says
    so, otherwise as soon as the bytes read pass the limit (chunked bodies)."""

    def __init__(self, app, limit: int):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > self.limit:
            return await error(413, BodyTooLarge(self.limit).detail)(scope, receive, send)
        received = 0

        async def limited():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise BodyTooLarge(self.limit)  # an HTTPException: answered by the exception handler
            return message

        await self.app(scope, limited, send)


class BearerAuth:
    """`Authorization: Bearer TOKEN` on every route but the public ones (compared in constant time)."""

    def __init__(self, app, token: str):
        self.app = app
        self.token = token.encode("utf-8")

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["path"] not in PUBLIC and scope["method"] != "OPTIONS":
            scheme, _, value = Headers(scope=scope).get("authorization", "").partition(" ")
            if not (scheme.lower() == "bearer" and hmac.compare_digest(value.strip().encode("utf-8"), self.token)):
                response = error(401, "missing or wrong bearer token", {"WWW-Authenticate": "Bearer"})
                return await response(scope, receive, send)
        await self.app(scope, receive, send)


# ---------------------------------------------------------------- the check page


def _page() -> tuple[str, str]:
    """The page and its Content-Security-Policy, which allows exactly its inline script and style."""
    html = resources.files(__package__).joinpath("page.html").read_text(encoding="utf-8")

    def digest(tag):
        body = re.search(rf"<{tag}>(.*?)</{tag}>", html, re.S).group(1)
        return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"

    csp = (f"default-src 'none'; script-src {digest('script')}; style-src {digest('style')}; "
           "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
    return html, csp


# ---------------------------------------------------------------- the application


class Service:
    def __init__(self, reloader: Reloader, settings: Settings):
        self.reloader, self.settings, self.limits = reloader, settings, settings.limits
        self.workers = Workers(self.limits.jobs, self.limits.max_pending, self.limits.timeout, reloader.snapshot)
        catalog = rule_catalog()
        self.catalog = catalog
        self.descriptions = {r.id: r.summary for r in catalog.values()}
        self.software = {"name": "transaudit", "version": __version__, "buildDate": "", "apiVersion": 1,
                         "premium": False, "premiumHint": "", "status": ""}
        self.page, self.csp = _page()

    def _text(self, text) -> None:
        if len(text) > self.limits.max_text:
            raise HTTPError(413, f"text longer than {self.limits.max_text} characters")
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise HTTPError(400, "text is not valid Unicode (lone surrogate)") from None

    async def page_(self, request: Request) -> Response:
        return HTMLResponse(self.page, headers={"Content-Security-Policy": self.csp})

    async def healthz(self, request: Request) -> Response:
        return JSONResponse({"status": "ok", "in_flight": self.workers.pending})

    async def glossary(self, request: Request) -> Response:
        s = self.reloader.snapshot
        g = s.compiled.glossary
        return JSONResponse({"entries": s.info.glossary_entries, "hash": s.info.glossary_hash,
                             "sources": list(s.info.glossary_sources), "warnings": list(g.warnings),
                             "loaded_at": s.loaded_at})

    async def rules(self, request: Request) -> Response:
        config = self.reloader.snapshot.config
        return JSONResponse({"rules": [
            {"id": r.id, "enabled": config.rule_enabled(r.id),
             "severity": config.rule_severity(r.id) or r.severity, "category": r.category,
             "summary": r.summary, "example": r.example, "options": config.rule_options(r.id, dict(r.options))}
            for r in self.catalog.values()]})

    async def lint(self, request: Request) -> Response:
        try:
            payload = json.loads(await request.body())
        except ValueError as e:  # JSONDecodeError and UnicodeDecodeError; their messages hold no text
            raise HTTPError(400, f"request body is not valid JSON: {type(e).__name__}") from None
        if not isinstance(payload, dict):
            raise HTTPError(400, 'request body must be a JSON object: {"text": ..., "format": ..., "path": ...}')
        unknown = sorted(set(payload) - LINT_KEYS)
        if unknown:
            raise HTTPError(400, f"unknown key '{unknown[0]}' (known: format, path, text)")
        text, path, fmt = payload.get("text"), payload.get("path"), payload.get("format")
        if not isinstance(text, str):
            raise HTTPError(400, "'text' must be a string")
        if path is not None and (not isinstance(path, str) or not path or len(path) > MAX_PATH):
            raise HTTPError(400, f"'path' must be a non-empty string of at most {MAX_PATH} characters")
        fmt = detect_format(path) if fmt is None else fmt
        if fmt not in FORMATS:
            raise HTTPError(400, f"'format' must be one of {', '.join(FORMATS)}")
        self._text(text)
        return JSONResponse(await self._run(lint_v1, text, path or "<text>", fmt))

    async def check(self, request: Request) -> Response:
        async with request.form(max_files=0, max_part_size=self.limits.max_body) as form:
            fields = {k: form.get(k) for k in form.keys()}
        for name, value in fields.items():
            if isinstance(value, UploadFile):
                raise HTTPError(400, f"'{name}' must be a form field, not a file")
        try:
            src = lt.source(fields.get("text"), fields.get("data"))
            lang = lt.language(fields.get("language"))
            filters = lt.Filters.from_form(fields)
        except lt.RequestError as e:
            raise HTTPError(400, str(e)) from None
        self._text(src.text)
        auto = fields["language"].lower() == "auto"
        return JSONResponse(await self._run(check_v2, src, lang, filters, auto, self.software, self.descriptions))

    async def _run(self, fn, *args):
        try:
            return await self.workers.run(fn, *args)
        except Busy as e:
            raise HTTPError(503, f"server busy: {e} checks in progress, retry later",
                            {"Retry-After": "1"}) from None
        except Overran:
            raise HTTPError(504, f"checking took longer than {self.limits.timeout:g} s") from None
        except Crashed:
            log.error("a worker process stopped unexpectedly; started a new one")
            raise HTTPError(500, "the check failed (worker process stopped); retry") from None

    async def languages(self, request: Request) -> Response:
        return JSONResponse(lt.languages())


def _endpoint(fn):
    """HTTPError -> its JSON response; anything unexpected -> 500, logged by type only."""
    async def wrapped(request: Request) -> Response:
        try:
            return await fn(request)
        except HTTPError as e:
            return error(e.status, e.message, e.headers)
        except HTTPException:
            raise
        except ClientDisconnect:
            return error(400, "client disconnected")
        except Exception as e:
            log.error("internal error on %s: %s", request.url.path, type(e).__name__)
            return error(500, "internal error")
    return wrapped


def create_app(reloader: Reloader, settings: Settings = Settings()) -> Starlette:
    service = Service(reloader, settings)
    routes = [Route("/", _endpoint(service.page_)),
              Route("/healthz", _endpoint(service.healthz)),
              Route("/v1/lint", _endpoint(service.lint), methods=["POST"]),
              Route("/v1/rules", _endpoint(service.rules)),
              Route("/v1/glossary", _endpoint(service.glossary)),
              Route("/v2/check", _endpoint(service.check), methods=["POST"]),
              Route("/v2/languages", _endpoint(service.languages))]
    middleware = [Middleware(AccessLog)]  # outermost first: every answer is logged, CORS covers errors too
    if settings.cors_origins:
        middleware.append(Middleware(CORSMiddleware, allow_origins=list(settings.cors_origins),
                                     allow_methods=["GET", "POST"],
                                     allow_headers=["Authorization", "Content-Type"]))
    middleware.append(Middleware(BodyLimit, limit=settings.limits.max_body))
    if settings.token:
        middleware.append(Middleware(BearerAuth, token=settings.token))

    async def http_exception(request: Request, exc: HTTPException) -> Response:
        return error(exc.status_code, exc.detail, exc.headers)

    @asynccontextmanager
    async def lifespan(app):
        await service.workers.start()
        task = None
        if settings.reload_interval > 0:
            task = asyncio.create_task(reloader.watch(settings.reload_interval, service.workers.use))
        try:
            yield
        finally:
            if task:
                task.cancel()
            service.workers.close()

    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan,
                    exception_handlers={HTTPException: http_exception})
    app.state.service = service
    return app
