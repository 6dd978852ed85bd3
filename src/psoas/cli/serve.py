"""`psoas serve`: run the web app with uvicorn (personal mode: this machine only)."""

from __future__ import annotations

import ipaddress
import os
import threading
import webbrowser
from pathlib import Path
from typing import Annotated, Any

import typer

from psoas.cli import phone as phones
from psoas.cli.errors import fail
from psoas.config import get_settings

app = typer.Typer(help="Run the web app in your browser.")

WEB_APP_FACTORY = "psoas.web.app:create_app"
LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and the usual names for this machine."""
    name = host.strip().strip("[]").lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


@app.callback(invoke_without_command=True)
def serve(
    host: Annotated[
        str, typer.Option(help="Address to listen on (personal mode: loopback only).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    open_browser: Annotated[
        bool, typer.Option("--open", help="Open the app in your browser.")
    ] = False,
    clinic: Annotated[
        bool,
        typer.Option("--clinic", help="Clinic mode: accounts and roles; may listen on any host."),
    ] = False,
    phone: Annotated[
        bool,
        typer.Option(
            "--phone",
            help="Personal mode: also listen on the home network for phones you pair "
            "(off by default; plain HTTP unless a certificate is given).",
        ),
    ] = False,
    phone_address: Annotated[
        str,
        typer.Option(help="With --phone: this computer's network address (default: detected)."),
    ] = "",
    ssl_certfile: Annotated[
        Path | None, typer.Option(help="Serve HTTPS with this certificate (PEM).")
    ] = None,
    ssl_keyfile: Annotated[
        Path | None, typer.Option(help="The certificate's private key (PEM).")
    ] = None,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            max=64,
            help="Clinic mode: worker processes (each a full psoas sharing the PostgreSQL "
            "database; nothing shared is kept in a process).",
        ),
    ] = 1,
) -> None:
    """Start psoas in the browser at http://HOST:PORT (stop with Ctrl+C)."""
    certfile, keyfile = phones.certificate(ssl_certfile, ssl_keyfile)
    if phone and (clinic or os.environ.get("PSOAS_MODE") == "clinic"):
        raise fail("--phone is for personal mode; clinic mode has accounts for phones.", 2)
    if clinic:
        os.environ["PSOAS_MODE"] = "clinic"  # uvicorn's factory reads the settings again
    settings = get_settings()
    if workers > 1 and not _shared_database(settings):
        raise fail(
            f"--workers {workers}: several workers need clinic mode (--clinic) on a PostgreSQL "
            "database (PSOAS_DATABASE_URL=postgresql://...), which they share. Use --workers 1.",
            2,
        )
    if settings.mode == "personal" and not is_loopback(host):
        raise fail(
            f"--host {host}: personal mode only listens on this machine (127.0.0.1), so nobody "
            "else on the network can read your health data. Use --host 127.0.0.1.",
            2,
        )
    import uvicorn

    from psoas.cli.serve_memory import fix_mmap_threshold

    fix_mmap_threshold()  # before any worker starts: they inherit it
    if phone:
        _serve_phone(host, port, phone_address, certfile, keyfile)
        return
    scheme = "https" if certfile else "http"
    url = f"{scheme}://{'[' + host + ']' if ':' in host else host}:{port}/"
    typer.echo(f"psoas is running at {url}  (Ctrl+C to stop)")
    if open_browser:
        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    # uvicorn imports the app factory by name, so the CLI never imports the web package.
    uvicorn.run(
        WEB_APP_FACTORY,
        factory=True,
        host=host,
        port=port,
        workers=workers if workers > 1 else None,
        log_level="warning",
        server_header=False,
        ssl_certfile=certfile,
        ssl_keyfile=keyfile,
    )


def _serve_phone(
    host: str, port: int, given: str, certfile: str | None, keyfile: str | None
) -> None:
    """Listen on ``host`` (this computer) and the phones' network address, same port."""
    import uvicorn

    address = phones.phone_address(given)
    sockets = [phones.bind(host, port), phones.bind(address, port)]
    phones.announce(address, port, https=certfile is not None)
    config = uvicorn.Config(
        WEB_APP_FACTORY,
        factory=True,
        log_level="warning",
        server_header=False,
        proxy_headers=False,  # the peer address decides who is asking: never a header
        ssl_certfile=certfile,
        ssl_keyfile=keyfile,
    )
    uvicorn.Server(config).run(sockets=sockets)


def _shared_database(settings: Any) -> bool:
    """Clinic mode on PostgreSQL: the only set-up where several processes may serve at once."""
    url = settings.resolved_database_url()
    return settings.mode == "clinic" and url.startswith("postgresql")
