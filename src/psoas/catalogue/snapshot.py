"""The exercise catalogue, kept between runs as a snapshot of its validated form.

Validating the exercise files (parsing the YAML, building and running the pydantic schema)
costs more CPU than all the rest of ``psoas exercises list``. So the first run validates them
as always and writes the resulting domain objects, as JSON, to the user's cache folder; a later
run reads them back when the snapshot's key still matches. The key is a SHA-256 over the
bytes of every exercise file and of everything that shapes the validated objects: this module,
the loader and schema, the domain classes, the converter, the Python, pydantic and PyYAML
releases. Change any of them and the files are validated again, so a snapshot never differs
from what validation gives. A snapshot that cannot be written or read (a read-only or missing
cache folder, a damaged file) is ignored: the catalogue is then validated as before.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import json
import os
import sys
import types
import typing
from collections.abc import Callable
from contextlib import suppress
from functools import cache, lru_cache, partial
from importlib.abc import Traversable
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from psoas.catalogue import files
from psoas.domain.catalogue.exercises import Catalogue, Exercise
from psoas.domain.errors import PsoasError
from psoas.domain.serial import to_primitive

FORMAT = 1
# The modules whose code decides what a valid exercise file becomes.
SHAPING_MODULES = (
    "psoas.catalogue.snapshot",
    "psoas.catalogue.loader",
    "psoas.catalogue.schema",
    "psoas.domain.catalogue.exercises",
    "psoas.domain.catalogue.doses",
    "psoas.domain.serial",
)
# The files that name the validating libraries' releases (pydantic pins pydantic-core).
LIBRARY_FILES = (("pydantic", "version.py"), ("yaml", "__init__.py"))
# The JSON scalars each field type takes as they are (a float field may hold a whole number).
SCALARS: dict[Any, tuple[type, ...]] = {
    str: (str,),
    int: (int,),
    float: (int, float),
    bool: (bool,),
}
# What reading a snapshot may raise when the file is damaged or from another release.
UNREADABLE = (OSError, ValueError, TypeError, KeyError, AttributeError, PsoasError)


@lru_cache(maxsize=4)
def load_catalogue(root: str | None = None) -> Catalogue:
    """The exercise catalogue: the packaged one (through its snapshot), or the folder ``root``
    (tests, clinics), which is validated every time."""
    if root:
        return validated(Path(root))
    folder = files.data_root() / "exercises"
    key, place = snapshot_key(folder), snapshot_path(folder)
    if key is None or place is None:
        return validated(folder)
    found = read_snapshot(place, key)
    if found is None:
        found = validated(folder)
        write_snapshot(place, key, found)
    return found


def validated(folder: Traversable | Path) -> Catalogue:
    """The catalogue validated from its files (YAML and pydantic are loaded only here)."""
    from psoas.catalogue.loader import load_exercises

    return load_exercises(folder)


def snapshot_key(folder: Traversable | Path) -> str | None:
    """The SHA-256 of the exercise files and the shaping code; None when one is unreadable."""
    digest = hashlib.sha256(f"psoas catalogue snapshot {FORMAT}, Python {sys.version}\n".encode())
    try:
        sources = [Path(_origin(name)) for name in SHAPING_MODULES]
        sources += [Path(_origin(package)).with_name(name) for package, name in LIBRARY_FILES]
        for source in sources:
            _add(digest, source.name, source.read_bytes())
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.name.endswith(".yaml"):
                _add(digest, entry.name, entry.read_bytes())
    except (OSError, ValueError, ImportError):
        return None
    return digest.hexdigest()


def _origin(module: str) -> str:
    spec = find_spec(module)
    if spec is None or not spec.origin:
        raise ImportError(module)
    return spec.origin


def _add(digest: Any, name: str, content: bytes) -> None:
    digest.update(f"{name}\0{len(content)}\0".encode())
    digest.update(content)


def snapshot_path(folder: Traversable | Path) -> Path | None:
    """The snapshot of ``folder`` in the user's cache folder: one file per installed copy of
    psoas, named after the data folder's path."""
    from platformdirs import user_cache_path

    try:
        cache = user_cache_path("psoas", appauthor=False)
    except (OSError, RuntimeError):
        return None
    name = hashlib.sha256(str(folder).encode()).hexdigest()[:16]
    return cache / f"exercises-{name}.json"


def read_snapshot(place: Path, key: str) -> Catalogue | None:
    """The catalogue saved under ``key``, or None (no snapshot, another key, damaged)."""
    try:
        saved = json.loads(place.read_bytes())
        if saved["format"] != FORMAT or saved["key"] != key:
            return None
        exercises = [rebuild(Exercise, item) for item in saved["exercises"]]
    except UNREADABLE:
        return None
    return Catalogue({exercise.id: exercise for exercise in exercises})


def write_snapshot(place: Path, key: str, catalogue: Catalogue) -> None:
    """Save the validated catalogue under ``key``; quietly skipped when it cannot be written.
    The file is written aside and renamed, so a reader never sees half of it."""
    exercises = [to_primitive(exercise) for exercise in catalogue.exercises.values()]
    content = json.dumps({"format": FORMAT, "key": key, "exercises": exercises})
    aside = place.with_name(f"{place.name}.{os.getpid()}.tmp")
    try:
        place.parent.mkdir(parents=True, exist_ok=True)
        aside.write_text(content, encoding="utf-8")
        os.replace(aside, place)
    except OSError:
        with suppress(OSError):  # e.g. the cache folder cannot even be made
            aside.unlink(missing_ok=True)


def rebuild(hint: Any, data: Any) -> Any:
    """The value of type ``hint`` that ``to_primitive`` turned into ``data``, exactly: JSON
    keeps whole numbers and decimals apart, and they stay as validation left them (a pose
    angle defaulted to 0 stays the int 0). Lists become the tuples the hints name, values of
    an Enum its members, mappings the dataclasses."""
    return _rebuilder(hint)(data)


Rebuilder = Callable[[Any], Any]


@cache
def _rebuilder(hint: Any) -> Rebuilder:
    """The function that rebuilds values of type ``hint`` (made once per type)."""
    if dataclasses.is_dataclass(hint):
        hints = typing.get_type_hints(hint)
        fields = [(f.name, _rebuilder(hints[f.name])) for f in dataclasses.fields(hint)]
        return lambda data: hint(**{name: part(data[name]) for name, part in fields})
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        (inner,) = [_rebuilder(arg) for arg in args if arg is not type(None)]
        return lambda data: None if data is None else inner(data)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = _rebuilder(args[0])
        return lambda data: tuple(map(item, _items(data)))
    if origin is tuple:
        items = [_rebuilder(arg) for arg in args]
        return lambda data: tuple(part(x) for part, x in zip(items, _items(data), strict=True))
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return hint
    if hint in SCALARS:
        return partial(_scalar, SCALARS[hint])
    raise TypeError(f"a snapshot cannot hold {hint!r}")


def _items(data: Any) -> list[Any]:
    if type(data) is not list:
        raise TypeError("expected a list")
    return data


def _scalar(kinds: tuple[type, ...], data: Any) -> Any:
    if type(data) not in kinds:
        raise TypeError(f"expected {kinds[0].__name__}")
    return data
