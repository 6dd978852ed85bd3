"""`psoas serve --phone`: also listen on this computer's home-network address, for phones that
complete pairing (see psoas.web.phone_gate and docs/phone.md).

The server binds two sockets, 127.0.0.1 (this computer) and the network address (phones), and
prints the pairing link as a QR code with a short code. With --ssl-certfile/--ssl-keyfile both
sockets speak HTTPS; without them the phone's traffic is plain HTTP, which the output says.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from pathlib import Path

import segno
import typer

from psoas.bootstrap import build_context
from psoas.cli.errors import fail
from psoas.config import get_settings
from psoas.services import devices

DESKTOP_ADDRESSES = frozenset({"127.0.0.1", "::1"})
PROBE = ("192.0.2.1", 9)  # TEST-NET-1: connecting a UDP socket sends nothing


def home_network_address() -> str:
    """This computer's address on the network it would use to reach others (no packet sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(PROBE)
            return str(probe.getsockname()[0])
        except OSError:
            return ""


def phone_address(given: str) -> str:
    """The address phones will use: ``given`` or the detected one; fails with one line."""
    address = given.strip().strip("[]") or home_network_address()
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        raise fail(
            "--phone-address: no network address found for phones; name this computer's "
            "address on your home network, such as --phone-address 192.168.1.20.",
            2,
        ) from None
    if str(parsed) in DESKTOP_ADDRESSES or parsed.is_unspecified or parsed.is_multicast:
        raise fail(f"--phone-address {address}: give this computer's home-network address.", 2)
    return str(parsed)


def certificate(certfile: Path | None, keyfile: Path | None) -> tuple[str | None, str | None]:
    """Both files or neither; each must be readable."""
    if (certfile is None) != (keyfile is None):
        raise fail("HTTPS needs both --ssl-certfile and --ssl-keyfile.", 2)
    for option, path in (("--ssl-certfile", certfile), ("--ssl-keyfile", keyfile)):
        if path is not None and not path.is_file():
            raise fail(f"{option} {path}: no such file.", 2)
    return (str(certfile) if certfile else None, str(keyfile) if keyfile else None)


def bind(address: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((address, port))
    except OSError as exc:
        sock.close()
        raise fail(f"cannot listen on {address} port {port}: {exc.strerror or exc}.", 1) from None
    sock.set_inheritable(True)
    return sock


def announce(address: str, port: int, https: bool) -> None:
    """Print where the phone pairs: the link as a QR code, and the short code."""
    os.environ["PSOAS_PHONE_ADDRESSES"] = address  # the app factory reads the settings again
    offer = devices.new_offer(build_context(get_settings()))
    scheme = "https" if https else "http"
    host = f"[{address}]" if ":" in address else address
    link = f"{scheme}://{host}:{port}/pair?code={devices.shown_code(offer.code)}"
    typer.echo(f"psoas is running at {scheme}://127.0.0.1:{port}/ on this computer.")
    typer.echo(f"Phones on your home network can pair at {scheme}://{host}:{port}/pair")
    segno.make(link, error="m").terminal(compact=True)
    typer.echo(
        f"Pairing code: {devices.shown_code(offer.code)} (one phone, {devices.OFFER_MINUTES} "
        "minutes; make more under Settings). Unpaired devices get nothing."
    )
    if not https:
        typer.echo(
            "Warning: plain HTTP. Others on your network could read what passes, and phones "
            "cannot install psoas, use it offline or keep the screen awake without HTTPS "
            "(--ssl-certfile and --ssl-keyfile)."
        )
    typer.echo("Ctrl+C stops it.")
