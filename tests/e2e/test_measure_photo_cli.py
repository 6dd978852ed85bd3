"""`psoas measure --photo` through the real CLI and the real pose model, on a fresh SQLite
database per test: plain words, the annotated copy, and recording only once confirmed."""

from __future__ import annotations

import io
import json
import os
import pty
import subprocess
import sys

import pytest
from PIL import Image
from tests.conftest import need_service
from tests.pose_photos import HAS_CAMERA, photo_bytes
from typer.testing import CliRunner

from psoas.bootstrap import build_context
from psoas.cli import app
from psoas.domain.records.measurements import MeasurementKind, Method
from psoas.services import people, records


@pytest.fixture
def lying_photo(tmp_path):
    need_service(HAS_CAMERA, 'the camera extra (pip install -e ".[camera]")')
    path = tmp_path / "self-test.jpg"
    path.write_bytes(photo_bytes("walk_100.jpg", 1))
    return path


def invoke(*args: str):
    return CliRunner().invoke(app, ["measure", *args])


def stored():
    ctx = build_context()
    return records.measurements(ctx, people.current_person(ctx).id)


def run_cli(*args: str, stdin=None, prelude: str = "") -> subprocess.CompletedProcess:
    code = f"{prelude}\nimport sys\nfrom psoas.cli import main\nsys.argv = ['psoas', *sys.argv[1:]]\nmain()"
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=stdin is None,
        stdin=stdin,
        text=True,
        timeout=180,
        check=False,
    )


def test_prints_the_reading_in_plain_words_and_records_nothing_unasked(lying_photo):
    result = invoke("--photo", str(lying_photo))
    assert result.exit_code == 0, result.output
    out = result.output
    assert "hip angle:" in out and "give or take" in out and "bench line" in out
    assert "Knee bend:" in out and "Not recorded" in out
    assert stored() == []


def test_yes_records_thigh_angle_and_knee_with_method_photo(lying_photo):
    result = invoke("--photo", str(lying_photo), "--side", "left", "--yes", "--json")
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    reading = body["reading"]
    assert reading["side"] == "left" and reading["uncertainty_deg"] >= 5
    saved = {m.kind: m for m in stored()}
    assert set(saved) == {
        MeasurementKind.SELF_TEST,
        MeasurementKind.HIP_ANGLE,
        MeasurementKind.KNEE_ANGLE,
    }
    assert all(m.method is Method.PHOTO and m.side.value == "left" for m in saved.values())
    assert saved[MeasurementKind.HIP_ANGLE].value == pytest.approx(reading["hip_angle_deg"])
    assert len(body["recorded"]) == 3


def test_annotated_copy_is_written(lying_photo, tmp_path):
    out = tmp_path / "drawn.png"
    result = invoke("--photo", str(lying_photo), "--annotate", str(out))
    assert result.exit_code == 0, result.output
    drawn = Image.open(io.BytesIO(out.read_bytes()))
    assert drawn.format == "PNG" and drawn.size == Image.open(lying_photo).size
    assert "annotated copy is in" in result.output


def test_the_person_confirms_at_the_prompt(lying_photo):
    leader, follower = pty.openpty()
    os.write(leader, b"y\n")
    try:
        done = run_cli("measure", "--photo", str(lying_photo), stdin=follower)
    finally:
        os.close(follower)
        os.close(leader)
    assert done.returncode == 0
    assert {m.kind for m in stored()} == {
        MeasurementKind.SELF_TEST,
        MeasurementKind.HIP_ANGLE,
        MeasurementKind.KNEE_ANGLE,
    }


@pytest.mark.parametrize(
    ("make", "args", "code", "text"),
    [
        (lambda p: p.write_bytes(b"not a photo"), (), 1, "could not be read as a photo"),
        (lambda p: Image.new("RGB", (400, 300), "white").save(p, "PNG"), (), 1, "No person"),
        (lambda p: None, (), 2, "there is no photo file"),
        (lambda p: p.write_bytes(b"x"), ("--pain", "3"), 2, "on its own"),
        (lambda p: p.write_bytes(b"x"), ("--tilt", "60"), 2, "too much"),
    ],
    ids=["unreadable", "blank", "missing", "mixed-with-values", "tilt"],
)
def test_bad_photos_get_one_clear_line(tmp_path, make, args, code, text):
    need_service(HAS_CAMERA, "the camera extra")
    path = tmp_path / "photo.png"
    make(path)
    done = run_cli("measure", "--photo", str(path), *args)
    assert done.returncode == code, done.stderr
    assert done.stderr.startswith("Error: ") and text in done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert stored() == []


def test_side_without_a_photo_is_refused():
    done = run_cli("measure", "--side", "left", "--pain", "2")
    assert done.returncode == 2 and "go with --photo" in done.stderr


def test_without_the_camera_extra_it_says_how_to_add_it(tmp_path):
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"whatever")
    done = run_cli(
        "measure", "--photo", str(path), prelude="import sys; sys.modules['mediapipe'] = None"
    )
    assert done.returncode == 1
    assert 'pip install "psoas[camera]"' in done.stderr and "Traceback" not in done.stderr
