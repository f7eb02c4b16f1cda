"""`transaudit serve`: the HTTP service on Starlette and uvicorn (docs/service.md).

Only argparse is imported at the top: Starlette and uvicorn (the `service` extra) load in command().
"""
from __future__ import annotations

import argparse
import logging
import os
import sys

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
MIN_TOKEN = 16
BACKLOG = 2048  # uvicorn's default


def _port(value: str) -> int:
    port = int(value)
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port {value} is not in 0-65535")
    return port


def add_parser(sub) -> list[str]:
    p = sub.add_parser("serve", help="run the HTTP service (JSON API, LanguageTool-compatible API, check page)",
                       formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    p.add_argument("--host", default="127.0.0.1",
                   help="address to bind; anything but a loopback address needs --token-file")
    p.add_argument("--port", type=_port, default=8077, help="port to bind (0: any free port)")
    p.add_argument("--glossary", action="append", default=[], metavar="FILE",
                   help="extra glossary (YAML, CSV or TBX); repeatable, later files win")
    p.add_argument("--no-default-glossary", action="store_true", help="do not load the shipped glossary")
    p.add_argument("--config", metavar="FILE", help="configuration file (the service does not search for one)")
    p.add_argument("--token-file", metavar="FILE", help="file holding the bearer token clients must send")
    p.add_argument("--cors-origin", action="append", default=[], metavar="ORIGIN",
                   help="origin allowed to call the API from a browser (repeatable)")
    p.add_argument("--reload-interval", type=float, default=2.0, metavar="SECONDS",
                   help="how often to look for changed glossary and configuration files (0: never)")
    p.add_argument("--max-body", type=int, default=2 * 1024 * 1024, metavar="BYTES",
                   help="largest request body (413 above)")
    p.add_argument("--max-text", type=int, default=100_000, metavar="CHARS", help="longest text (413 above)")
    p.add_argument("--timeout", type=float, default=10.0, metavar="SECONDS",
                   help="longest time one check may take, queueing included (504 above)")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1, metavar="N",
                   help="checks running at once, each in a worker process (default: the number of CPUs)")
    p.add_argument("--max-pending", type=int, default=32, metavar="N",
                   help="checks queued or running at once (503 above)")
    p.add_argument("--max-connections", type=int, default=256, metavar="N",
                   help="open connections and requests (503 above)")
    p.add_argument("--log-level", choices=("debug", "info", "warning", "error"), default="info")
    return ["serve"]


def is_loopback(host: str) -> bool:
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def read_token(path: str) -> str:
    """The token in `path`; ValueError with a one-line message when it is unusable."""
    try:
        with open(path, encoding="utf-8") as f:
            token = f.read().strip()
        mode = os.stat(path).st_mode
    except (OSError, UnicodeDecodeError) as e:
        raise ValueError(f"{path}: cannot read token file: {getattr(e, 'strerror', None) or e}") from None
    if not token or any(c.isspace() for c in token):
        raise ValueError(f"{path}: the token file must hold one token without spaces")
    if len(token) < MIN_TOKEN:
        raise ValueError(f"{path}: the token must have at least {MIN_TOKEN} characters")
    if mode & 0o077:
        logging.getLogger("transaudit.service").warning("%s: token file is readable by other users (chmod 600)",
                                                        path)
    return token


def bind(host: str, port: int):
    """A listening socket on host:port."""
    import socket

    family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
        sock.listen(BACKLOG)  # connections wait in the backlog while the workers start, rather than fail
    except OSError:
        sock.close()
        raise
    return sock


def _fail(message: str) -> int:
    print(f"transaudit: {message}", file=sys.stderr)
    return 2


def _check_limits(args) -> str | None:
    for name in ("max_body", "max_text", "jobs", "max_pending", "max_connections"):
        if getattr(args, name) < 1:
            return f"--{name.replace('_', '-')} must be at least 1"
    if args.timeout <= 0 or args.reload_interval < 0:
        return "--timeout must be positive and --reload-interval not negative"
    return None


def command(args) -> int:
    try:
        import uvicorn

        from .app import Limits, Settings, create_app
    except ImportError as e:
        return _fail(f"serve needs the service extra (pip install 'transaudit[service]'): {e}")
    from ..config import ConfigError
    from ..glossary import GlossaryError
    from .reload import Loader, Reloader

    logging.basicConfig(level=args.log_level.upper(), format=LOG_FORMAT, stream=sys.stderr)
    log = logging.getLogger("transaudit.service")
    problem = _check_limits(args)
    if problem:
        return _fail(problem)
    token = None
    if args.token_file:
        try:
            token = read_token(args.token_file)
        except ValueError as e:
            return _fail(str(e))
    if not token and not is_loopback(args.host):
        return _fail(f"binding to {args.host} (not a loopback address) needs --token-file")
    try:
        reloader = Reloader(Loader(args.config, args.glossary, not args.no_default_glossary))
    except (ConfigError, GlossaryError) as e:
        return _fail(str(e))
    try:
        sock = bind(args.host, args.port)
    except OSError as e:
        return _fail(f"cannot listen on {args.host}:{args.port}: {e.strerror or e}")
    limits = Limits(args.max_body, args.max_text, args.timeout, args.jobs, args.max_pending)
    app = create_app(reloader, Settings(limits, token, tuple(args.cors_origin), args.reload_interval))
    config = uvicorn.Config(app, log_config=None, log_level=args.log_level, access_log=False, server_header=False,
                            limit_concurrency=args.max_connections, timeout_graceful_shutdown=5)
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    info = reloader.snapshot.info
    log.info("listening on http://%s:%d/ (glossary: %d entries, %s)", shown, port, info.glossary_entries,
             info.glossary_hash)
    uvicorn.Server(config).run(sockets=[sock])
    return 0
