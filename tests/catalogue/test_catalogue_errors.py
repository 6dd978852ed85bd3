"""Broken exercise files fail with one clear line naming the file and the field."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from psoas.catalogue.loader import data_root, load_exercises
from psoas.domain.errors import CatalogueError

SLUG = "glute-bridge"


def _valid_entry() -> dict:
    """A packaged exercise, made self-contained (no variant references)."""
    raw = yaml.safe_load((data_root() / "exercises" / f"{SLUG}.yaml").read_text(encoding="utf-8"))
    raw["easier"], raw["harder"] = [], []
    for caution in raw.get("cautions", []):
        caution.pop("substitute", None)
    return raw


def _write(folder: Path, name: str, data: dict | str) -> Path:
    text = data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _load_error(folder: Path) -> str:
    with pytest.raises(CatalogueError) as caught:
        load_exercises(folder)
    return caught.value.message


def test_the_valid_baseline_loads(tmp_path):
    _write(tmp_path, f"{SLUG}.yaml", _valid_entry())
    assert SLUG in load_exercises(tmp_path)


def _without(key: str):
    def change(d: dict) -> None:
        del d[key]

    return change


def _set(path: tuple, value):
    def change(d: dict) -> None:
        target = d
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


@pytest.mark.parametrize(
    ("change", "field", "problem"),
    [
        (_without("dose"), "dose", "Field required"),
        (_without("steps"), "steps", "Field required"),
        (_set(("dose", "sets"), "two"), "dose.sets", "integer"),
        (_set(("dose", "sets"), 0), "dose.sets", "greater than or equal to 1"),
        (_set(("category",), "cardio"), "category", "release"),
        (_set(("level",), "expert"), "level", "beginner"),
        (_set(("muscles",), ["iliopsoas", "biceps"]), "muscles.1", "iliopsoas"),
        (_set(("unilateral",), "sometimes"), "unilateral", "boolean"),
        (
            _set(
                ("cautions",),
                [{"code": "bad_knees", "action": "avoid", "note": "a long enough note"}],
            ),
            "cautions.0.code",
            "hip_replacement_anterior",
        ),
        (
            _set(
                ("cautions",),
                [{"code": "wrist_pain", "action": "skip", "note": "a long enough note"}],
            ),
            "cautions.0.action",
            "avoid",
        ),
        (_set(("poses",), []), "poses", "at least 1"),
        (_set(("dose", "hold_seconds"), 90), "(file)", "dose_range"),
        (_set(("colour",), "blue"), "colour", "Extra inputs"),
    ],
    ids=[
        "missing-dose",
        "missing-steps",
        "wrong-type",
        "out-of-range",
        "unknown-category",
        "unknown-level",
        "unknown-muscle",
        "not-a-bool",
        "unknown-caution",
        "unknown-action",
        "no-pose",
        "dose-outside-range",
        "unknown-field",
    ],
)
def test_a_broken_field_names_file_and_field(tmp_path, change, field, problem):
    data = _valid_entry()
    change(data)
    _write(tmp_path, f"{SLUG}.yaml", data)
    message = _load_error(tmp_path)
    assert message.startswith(f"{SLUG}.yaml: ")
    assert f": {field}: " in message
    assert problem in message
    assert "Traceback" not in message and "pydantic.dev" not in message


def test_a_bad_pose_contact_names_the_pose(tmp_path):
    data = _valid_entry()
    data["poses"][0]["contact"] = ["nose"]
    _write(tmp_path, f"{SLUG}.yaml", data)
    assert f"{SLUG}.yaml: poses.0.contact.0: " in _load_error(tmp_path)


def test_bad_yaml_syntax_names_file_and_line(tmp_path):
    _write(tmp_path, f"{SLUG}.yaml", "id: glute-bridge\nname: [unclosed\nsummary: x\n")
    message = _load_error(tmp_path)
    assert message.startswith(f"{SLUG}.yaml:")
    assert "line " in message


def test_a_file_that_is_not_a_mapping(tmp_path):
    _write(tmp_path, f"{SLUG}.yaml", "- just\n- a list\n")
    assert _load_error(tmp_path) == f"{SLUG}.yaml: (file): expected a mapping of fields"


def test_id_must_match_the_file_name(tmp_path):
    _write(tmp_path, "bridge.yaml", _valid_entry())
    message = _load_error(tmp_path)
    assert message == "bridge.yaml: id: 'glute-bridge' must equal the file name 'bridge'"


@pytest.mark.parametrize("field", ["easier", "harder"])
def test_unknown_variant_reference(tmp_path, field):
    data = _valid_entry()
    data[field] = ["no-such-exercise"]
    _write(tmp_path, f"{SLUG}.yaml", data)
    message = _load_error(tmp_path)
    assert message == f"{SLUG}.yaml: easier/harder/substitute: unknown exercise 'no-such-exercise'"


def test_unknown_substitute_reference(tmp_path):
    data = _valid_entry()
    data["cautions"][0]["substitute"] = "chair-yoga"
    _write(tmp_path, f"{SLUG}.yaml", data)
    assert "unknown exercise 'chair-yoga'" in _load_error(tmp_path)


def test_every_broken_file_is_reported_at_once(tmp_path):
    good = _valid_entry()
    _write(tmp_path, f"{SLUG}.yaml", good)
    broken = dict(good, id="second-bridge", level="expert")
    _write(tmp_path, "second-bridge.yaml", broken)
    _write(tmp_path, "third-bridge.yaml", "id: [\n")
    lines = _load_error(tmp_path).splitlines()
    assert any(line.startswith("second-bridge.yaml: level: ") for line in lines)
    assert any(line.startswith("third-bridge.yaml:") for line in lines)
    assert not any(line.startswith(f"{SLUG}.yaml") for line in lines)


def test_non_yaml_files_are_ignored(tmp_path):
    _write(tmp_path, f"{SLUG}.yaml", _valid_entry())
    _write(tmp_path, "README.txt", "notes: not an exercise")
    assert len(load_exercises(tmp_path)) == 1


CLI_WITH_CATALOGUE_AT = """
import pathlib, sys
import psoas.catalogue.files as files
root = pathlib.Path(sys.argv[1])
files.data_root = lambda: root
sys.argv = ["psoas", "exercises", "list"]
from psoas.cli import main
main()
"""


def test_the_cli_reports_a_broken_catalogue_without_a_traceback(tmp_path):
    """The real CLI edge, pointed at a broken catalogue folder: a clear message, exit 1."""
    folder = tmp_path / "exercises"
    folder.mkdir()
    data = _valid_entry()
    data["dose"]["sets"] = "two"
    _write(folder, f"{SLUG}.yaml", data)
    result = subprocess.run(
        [sys.executable, "-c", CLI_WITH_CATALOGUE_AT, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        f"Error: {SLUG}.yaml: dose.sets: Input should be a valid integer, unable to parse string as an integer"
    ]
