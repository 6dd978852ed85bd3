"""The catalogue snapshot (psoas.catalogue.snapshot): what it reads back is exactly what
validation gives, it is used only while its key matches, and a snapshot that cannot be read or
written never breaks loading the catalogue."""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from psoas.catalogue import files, snapshot
from psoas.catalogue.loader import load_exercises
from psoas.domain.catalogue.exercises import Catalogue


def assert_identical(saved: Any, fresh: Any, where: str = "catalogue") -> None:
    """Equal, and of the same type all the way down (0 and 0.0 are equal but not the same)."""
    assert type(saved) is type(fresh), where
    if dataclasses.is_dataclass(fresh):
        for field in dataclasses.fields(fresh):
            name = field.name
            assert_identical(getattr(saved, name), getattr(fresh, name), f"{where}.{name}")
    elif isinstance(fresh, tuple | list):
        assert len(saved) == len(fresh), where
        for n, (a, b) in enumerate(zip(saved, fresh, strict=True)):
            assert_identical(a, b, f"{where}[{n}]")
    elif isinstance(fresh, dict):
        assert list(saved) == list(fresh), where
        for key in fresh:
            assert_identical(saved[key], fresh[key], f"{where}[{key!r}]")
    else:
        assert saved == fresh, where


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's cache folder (platformdirs follows XDG_CACHE_HOME) in this test's tmp."""
    home = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home


def load_uncached() -> Catalogue:
    return snapshot.load_catalogue.__wrapped__()  # type: ignore[attr-defined]


def packaged() -> Path:
    return Path(str(files.data_root() / "exercises"))


def test_a_snapshot_reads_back_exactly_what_validation_gives(cache_home: Path) -> None:
    fresh = load_exercises(packaged())
    key = snapshot.snapshot_key(packaged())
    assert key is not None
    place = cache_home / "exercises.json"
    snapshot.write_snapshot(place, key, fresh)
    saved = snapshot.read_snapshot(place, key)
    assert saved is not None
    assert_identical(saved.exercises, fresh.exercises)
    # The whole numbers validation left in angle fields are kept (they print as 0, not 0.0).
    angles = [p.left.hip for e in fresh for p in e.poses] + [p.neck for e in fresh for p in e.poses]
    assert int in {type(a) for a in angles} and float in {type(a) for a in angles}


def test_the_second_load_uses_the_snapshot(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_uncached()
    written = list(cache_home.rglob("exercises-*.json"))
    assert len(written) == 1

    def no_validation(folder: object) -> Catalogue:
        raise AssertionError("validated although the snapshot matches")

    monkeypatch.setattr(snapshot, "validated", no_validation)
    assert_identical(load_uncached().exercises, first.exercises)


def test_a_changed_exercise_file_is_validated_again(
    tmp_path: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    shutil.copytree(packaged(), data / "exercises")
    monkeypatch.setattr(files, "data_root", lambda: data)
    before = load_uncached()
    entry = data / "exercises" / "dead-bug.yaml"
    entry.write_text(entry.read_text().replace("name: Dead bug", "name: Dead bug, slowly"))
    after = load_uncached()
    assert before.get("dead-bug").name == "Dead bug"
    assert after.get("dead-bug").name == "Dead bug, slowly"
    assert_identical(after.exercises, load_exercises(data / "exercises").exercises)


def test_the_key_follows_every_exercise_file_and_nothing_else(tmp_path: Path) -> None:
    folder = tmp_path / "exercises"
    shutil.copytree(packaged(), folder)
    key = snapshot.snapshot_key(folder)
    (folder / "notes.txt").write_text("not an exercise")
    assert snapshot.snapshot_key(folder) == key
    entry = folder / "dead-bug.yaml"
    entry.write_bytes(entry.read_bytes() + b"\n")
    changed = snapshot.snapshot_key(folder)
    assert changed not in (None, key)
    shutil.copy(entry, folder / "dead-bug-2.yaml")
    assert snapshot.snapshot_key(folder) not in (None, key, changed)


def test_the_key_covers_every_module_that_shapes_an_exercise() -> None:
    """Every psoas module the validating loader runs is in the key, so a change to the code
    that turns files into exercises cannot leave an old snapshot in use."""
    probe = "import sys, psoas.catalogue.loader; print(' '.join(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    loaded = {name for name in done.stdout.split() if name.startswith("psoas")}
    shaping = set(snapshot.SHAPING_MODULES)
    # Packages' (empty) __init__ files, the errors, where the data lives, the snapshot itself.
    neutral = {"psoas", "psoas.catalogue", "psoas.domain", "psoas.domain.catalogue"}
    neutral |= {"psoas.domain.errors", "psoas.catalogue.files", "psoas.domain.serial_converters"}
    assert loaded - neutral <= shaping, sorted(loaded - neutral - shaping)


def test_a_damaged_or_foreign_snapshot_is_ignored_and_replaced(cache_home: Path) -> None:
    fresh = load_uncached()
    (place,) = cache_home.rglob("exercises-*.json")
    for damage in (b"{not json", b'{"format": 1}', json.dumps({"format": 1, "key": "x"}).encode()):
        place.write_bytes(damage)
        assert_identical(load_uncached().exercises, fresh.exercises)
        saved = json.loads(place.read_bytes())
        assert saved["key"] == snapshot.snapshot_key(packaged())
    saved["exercises"][0]["poses"] = "a drawing"
    place.write_text(json.dumps(saved))
    assert_identical(load_uncached().exercises, fresh.exercises)


def test_an_unwritable_cache_folder_only_costs_the_validation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("the cache folder's parent is a file, so nothing can be written")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    catalogue = load_uncached()
    assert "dead-bug" in catalogue
    assert blocked.read_text().startswith("the cache folder's parent")
    assert not list(tmp_path.rglob("*.tmp"))


def test_the_package_folder_is_only_read(cache_home: Path) -> None:
    data = Path(str(files.data_root()))
    listing = sorted(p.name for p in data.rglob("*"))
    load_uncached()
    load_uncached()
    assert sorted(p.name for p in data.rglob("*")) == listing
