"""Named domain errors. The CLI and web translate them into one clear message at the edge."""

from __future__ import annotations


class PsoasError(Exception):
    """Base of every error psoas expects and explains to a person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class NotFound(PsoasError):
    """A thing asked for by id or name does not exist."""


class UnknownExercise(NotFound):
    def __init__(self, slug: str, suggestions: tuple[str, ...] = ()) -> None:
        hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"No exercise called '{slug}'.{hint}")
        self.slug = slug
        self.suggestions = suggestions


class InvalidValue(PsoasError):
    """One value outside its domain; names the field so a person can fix it."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


class InvalidInput(PsoasError):
    """Several problems found at once; each names its field."""

    def __init__(self, problems: list[InvalidValue] | tuple[InvalidValue, ...]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(p.message for p in self.problems))


class CatalogueError(PsoasError):
    """A catalogue data file is broken; the message names the file and the field."""


class ReferralRequired(PsoasError):
    """Exercise is not the right answer now: a clinician must see the person first."""


class StorageError(PsoasError):
    """The database could not be reached or written; says what to check."""


class NotAllowed(PsoasError):
    """The logged-in account may not do this (clinic mode's roles)."""


class LoginRequired(PsoasError):
    """No valid log-in: wrong email or password, locked account, expired or missing session."""
