"""Typer's check of each option and argument value, built only when a value needs it.

Typer (0.2x) checks every value with a pydantic TypeAdapter, built the first time the
parameter is processed: also for an option left out (its value None, which Typer returns
unchecked, as for the ``--help`` flag of every command run) and for plain text (which Typer's
text check returns as it is). Building the first one imports pydantic and its plugin look-up:
about a third of the CPU of ``psoas exercises list``, which needs nothing of pydantic. So each
parameter gets a check that lets those two pass exactly as Typer would, and hands any other
value to Typer's own check, built then.

This leans on Typer internals (``typer._coercion``); with a Typer release without them,
nothing is changed and every value gets Typer's own check as before.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

try:
    from typer._coercion import RuntimeParam, TypeDescriptor, build_runtime_param
except ImportError:  # another Typer release: its parameters keep their own checks
    RuntimeParam = None  # type: ignore[assignment,misc]


def defer_value_checks(command: Any, ctx: Any, sub_commands: bool = True) -> None:
    """Give the parameters of ``command`` (run in the context ``ctx``), its help flag and,
    with ``sub_commands``, those of its sub-commands the deferred check, where Typer has not
    built its own yet."""
    if RuntimeParam is None:
        return
    for param in [*command.params, command.get_help_option(ctx)]:
        descriptor = getattr(param, "type_descriptor", None)
        if isinstance(descriptor, TypeDescriptor) and getattr(param, "_runtime_param", 0) is None:
            param._runtime_param = DeferredCheck(
                parameter_info=descriptor.parameter_info,
                annotation=descriptor.annotation,
                descriptor=descriptor,
            )
    for name, sub in getattr(command, "commands", {}).items() if sub_commands else ():
        defer_value_checks(sub, context_of(sub, name, ctx))


def context_of(command: Any, name: str, parent: Any) -> Any:
    """The context ``command`` gets when run as ``name`` under ``parent`` (as click makes it,
    without parsing anything): its help flag's names come from there."""
    return command.context_class(command, info_name=name, parent=parent, **command.context_settings)


if RuntimeParam is not None:

    @dataclass(frozen=True)
    class DeferredCheck(RuntimeParam):
        """Typer's ``coerce`` (None, lists of values) with Typer's check built on demand."""

        descriptor: TypeDescriptor

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            if type(value) is str and self.annotation is str and self.parameter_info.parser is None:
                return value  # Typer's text check gives back this very string
            own = build_runtime_param(self.descriptor)
            param._runtime_param = own  # later values go straight to Typer's check
            return own._coerce_value(value, param=param, ctx=ctx)
