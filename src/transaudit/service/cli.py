"""`transaudit serve`: the HTTP service on Starlette and uvicorn (docs/service.md).

Only argparse is imported at the top: Starlette and uvicorn (the `service` extra) load in command().
"""
from __future__ import annotations

import argparse
import ipaddress
import json
import logging
import os
import socket
import sys

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
MIN_TOKEN = 16
WORKER_ARGS = "TRANSAUDIT_SERVE_ARGS"  # how `--workers N` hands the arguments to its worker processes
WORKER_KEYS = ("config", "glossary", "no_default_glossary", "token_file", "cors_origin", "reload_interval",
               "max_body", "max_text", "timeout", "threads", "max_pending", "log_level")


def add_parser(sub) -> list[str]:
    p = sub.add_parser("serve", help="run the HTTP service (JSON API, LanguageTool-compatible API, check page)",
                       formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    p.add_argument("--host", default="127.0.0.1",
                   help="address to bind; anything but a loopback address needs --token-file")
    p.add_argument("--port", type=int, default=8077, help="port to bind (0: any free port)")
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
    p.add_argument("--threads", type=int, default=2, metavar="N", help="checks running at once")
    p.add_argument("--max-pending", type=int, default=32, metavar="N",
                   help="checks queued or running at once (503 above)")
    p.add_argument("--workers", type=int, default=1, metavar="N",
                   help="worker processes, each with its own glossary copy and limits (use the cores)")
    p.add_argument("--max-connections", type=int, default=256, metavar="N", help="open connections and requests (503 above)")
    p.add_argument("--log-level", choices=("debug", "info", "warning", "error"), default="info")
    return ["serve"]


def is_loopback(host: str) -> bool:
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
        logging.getLogger("transaudit.service").warning("%s: token file is readable by other users (chmod 600)", path)
    return token


def bind(host: str, port: int) -> socket.socket:
    family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError:
        sock.close()
        raise
    return sock


def _fail(message: str) -> int:
    print(f"transaudit: {message}", file=sys.stderr)
    return 2


def _check_limits(args) -> str | None:
    for name in ("max_body", "max_text", "threads", "max_pending", "max_connections", "workers"):
        if getattr(args, name) < 1:
            return f"--{name.replace('_', '-')} must be at least 1"
    if args.timeout <= 0 or args.reload_interval < 0:
        return "--timeout must be positive and --reload-interval not negative"
    return None


def _settings(args, token):
    from .app import Limits, Settings

    limits = Limits(args.max_body, args.max_text, args.timeout, args.threads, args.max_pending)
    return Settings(limits, token, tuple(args.cors_origin), args.reload_interval)


def _reloader(args):
    from .reload import Loader, Reloader

    return Reloader(Loader(args.config, args.glossary, not args.no_default_glossary))


def app_from_environment():
    """uvicorn's application factory in each worker process of `--workers N`: the arguments come
    from the parent through WORKER_ARGS (the token stays in its file)."""
    from .app import create_app

    args = argparse.Namespace(**json.loads(os.environ[WORKER_ARGS]))
    logging.basicConfig(level=args.log_level.upper(), format=LOG_FORMAT, stream=sys.stderr)
    token = read_token(args.token_file) if args.token_file else None
    return create_app(_reloader(args), _settings(args, token))


def command(args) -> int:
    try:
        import uvicorn
        from uvicorn.supervisors import Multiprocess

        from .app import create_app
    except ImportError as e:
        return _fail(f"serve needs the service extra (pip install 'transaudit[service]'): {e}")
    from ..config import ConfigError
    from ..glossary import GlossaryError

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
        reloader = _reloader(args)  # with --workers, this checks the files and fills the glossary cache
    except (ConfigError, GlossaryError) as e:
        return _fail(str(e))
    try:
        sock = bind(args.host, args.port)
    except OSError as e:
        return _fail(f"cannot listen on {args.host}:{args.port}: {e.strerror or e}")
    options = dict(log_config=None, log_level=args.log_level, access_log=False, server_header=False,
                   limit_concurrency=args.max_connections, timeout_graceful_shutdown=5)
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    info = reloader.snapshot.info
    log.info("listening on http://%s:%d/ (glossary: %d entries, %s; %d worker process%s)", shown, port,
             info.glossary_entries, info.glossary_hash, args.workers, "es" * (args.workers > 1))
    if args.workers == 1:
        uvicorn.Server(uvicorn.Config(create_app(reloader, _settings(args, token)), **options)).run(sockets=[sock])
        return 0
    os.environ[WORKER_ARGS] = json.dumps({k: getattr(args, k) for k in WORKER_KEYS})
    config = uvicorn.Config(f"{__name__}:app_from_environment", factory=True, workers=args.workers, **options)
    Multiprocess(config, sockets=[sock]).run()
    return 0
