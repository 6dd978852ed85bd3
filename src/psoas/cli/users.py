"""`psoas users add` and `psoas users list`: clinic accounts from the command line."""

from __future__ import annotations

import getpass
import sys
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from psoas.bootstrap import build_context
from psoas.domain.clinic.accounts import Role
from psoas.services.clinic import accounts, invites

app = typer.Typer(help="Clinic accounts: add and list users.", no_args_is_help=True)
console = Console(highlight=False, soft_wrap=True)


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Same password again: ") != first:
        raise typer.BadParameter("the two passwords differ", param_hint="password")
    return first


@app.command("add")
def add(
    role: Annotated[Role, typer.Option(help="admin, clinician or client.")],
    email: Annotated[str, typer.Option(help="The log-in email.")],
    name: Annotated[str, typer.Option(help="Name shown in the app (default: the email).")] = "",
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
    clinician: Annotated[
        str, typer.Option(help="Clients: the email of their clinician (an invite link is made).")
    ] = "",
) -> None:
    """Create an account. Staff get a password now; a client gets an invite link instead."""
    ctx = build_context()
    if role is Role.CLIENT:
        if not clinician:
            raise typer.BadParameter("a client needs --clinician EMAIL", param_hint="--clinician")
        owner = next((u for u in accounts.list_accounts(ctx) if u.email == clinician.lower()), None)
        if owner is None or owner.role is not Role.CLINICIAN:
            raise typer.BadParameter(f"no clinician '{clinician}'", param_hint="--clinician")
        issued = invites.invite_client(ctx, owner, email=email, display_name=name or email)
        console.print(f"Invited client {issued.user.email}. Invite code (single use, 7 days):")
        console.print(issued.code)
        return
    user = accounts.create_account(
        ctx,
        email=email,
        role=role,
        display_name=name or email,
        password=_password(password_stdin),
    )
    console.print(f"Created {user.role.value} {user.email}.")


@app.command("list")
def list_users() -> None:
    """Every account: email, role, name, two-factor, locked."""
    ctx = build_context()
    now = ctx.clock.now()
    table = Table("Email", "Role", "Name", "Two-factor", "State")
    for u in accounts.list_accounts(ctx):
        state = "locked" if u.is_locked(now) else "invite pending" if not u.password_hash else "ok"
        table.add_row(
            u.email, u.role.value, u.display_name, "on" if u.totp_secret else "off", state
        )
    console.print(table)
