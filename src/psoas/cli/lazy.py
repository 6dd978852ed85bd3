"""Sub-commands imported only when they run, so ``psoas --help`` starts in a blink.

Each command module pulls in what it needs (the database layer, the catalogue, the PDF and
FHIR libraries); importing them all costs over a second of CPU. ``psoas --help`` lists the
commands from a table of names and one-line helps instead; the command that is run (or asked
for its own help) is imported then, and built exactly as ``add_typer`` / ``command`` would.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from psoas.cli.value_checks import context_of, defer_value_checks


@dataclass(frozen=True)
class LazyCommand:
    """``target`` is "module:attribute": a ``typer.Typer`` (a group of sub-commands, as
    ``app.add_typer``) or a function (one command, as ``app.command``). ``help`` is the line
    shown by ``psoas --help``; a test checks it against the command's own help."""

    name: str
    target: str
    help: str

    def placeholder(self) -> TyperCommand:
        return Placeholder(self)

    def load(self) -> Any:
        """The real click command, named ``name``."""
        module_name, attribute = self.target.split(":")
        found = getattr(importlib.import_module(module_name), attribute)
        if isinstance(found, typer.Typer):
            command = typer.main.get_group(found)
        else:
            single = typer.Typer()
            single.command(self.name)(found)
            command = typer.main.get_command(single)
        command.name = self.name
        return command


class Placeholder(TyperCommand):
    """Stands in a group's command list (for its help and suggestions) until it runs."""

    def __init__(self, lazy: LazyCommand) -> None:
        super().__init__(name=lazy.name, help=lazy.help, callback=None)
        self.lazy = lazy


def lazy_group(commands: tuple[LazyCommand, ...]) -> type[TyperGroup]:
    """A TyperGroup class (for ``typer.Typer(cls=...)``) that lists ``commands`` after the
    ones registered the usual way and imports one only when it is resolved to run."""

    class LazyGroup(TyperGroup):
        def __init__(self, **attrs: Any) -> None:
            super().__init__(**attrs)
            for lazy in commands:
                self.commands.setdefault(lazy.name, lazy.placeholder())

        def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
            defer_value_checks(self, ctx, sub_commands=False)  # placeholders have none
            return super().parse_args(ctx, args)

        def resolve_command(self, ctx: Any, args: list[str]) -> tuple[str | None, Any, list[str]]:
            found = self.commands.get(args[0]) if args else None
            if isinstance(found, Placeholder):
                command = self.commands[args[0]] = found.lazy.load()
                defer_value_checks(command, context_of(command, args[0], ctx))
            return super().resolve_command(ctx, args)

        def format_help(self, ctx: Any, formatter: Any) -> None:
            print_help(self, ctx)

    return LazyGroup


def print_help(group: TyperGroup, ctx: Any) -> None:
    """The group's help in Typer's panels, drawn with Rich's console, panel and table alone:
    Typer's own help renderer imports Markdown and syntax highlighting, which would double
    the start-up time of ``psoas --help``. No text here holds an emoji code (":name:"), so
    the console and the panel titles (Text, not markup) skip that look-up and never load
    Rich's table of emoji names."""
    from rich.console import Console
    from rich.padding import Padding
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    console = Console(highlight=False, emoji=False)
    usage = " ".join([ctx.command_path, *group.collect_usage_pieces(ctx)])
    console.print(Padding(f"[bold]Usage:[/] {escape(usage)}", (1, 1)))
    if group.help:
        console.print(Padding(Text(" ".join(group.help.split())), (0, 1, 1, 1)))
    options = [
        (", ".join([*param.opts, *param.secondary_opts]), getattr(param, "help", "") or "")
        for param in group.get_params(ctx)
        if not getattr(param, "hidden", False)
    ]
    commands = [
        (name, command.get_short_help_str(limit=1000))
        for name in group.list_commands(ctx)
        if (command := group.get_command(ctx, name)) is not None and not command.hidden
    ]
    for title, rows, style in (
        ("Options", options, "bold cyan"),
        ("Commands", commands, "bold cyan"),
    ):
        if not rows:
            continue
        table = Table.grid(padding=(0, 2))
        table.add_column(style=style, no_wrap=True)
        table.add_column()
        for name, text in rows:
            table.add_row(escape(name), escape(text))
        console.print(Panel(table, title=Text(title), title_align="left", border_style="dim"))


def escape(text: str) -> str:
    from rich.markup import escape as rich_escape

    return rich_escape(text)
