"""`psoas measure --photo FILE`: the self-test angle read from a side-on photo, on this
machine. Shown in plain words, drawn on a copy when asked, recorded only once confirmed."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from psoas.bootstrap import build_context, pose_estimator
from psoas.cli.errors import fail
from psoas.cli.options import person_id_of, print_json
from psoas.domain.errors import InvalidValue
from psoas.domain.pose.angles import PhotoReading, signed
from psoas.domain.records.measurements import Measurement, Side
from psoas.domain.serial import to_primitive
from psoas.services.photo import measure_photo, record_photo_reading

PHOTO_HELP = (
    "A side-on photo of your self-test to read the hip angle from (JPEG or PNG). Camera at hip "
    "height, level, 2-3 metres away; whole body and the bench edge in the frame; the hanging "
    'leg nearest the camera. Needs the camera add-on: pip install "psoas[camera]".'
)
PhotoOpt = Annotated[Path | None, typer.Option(help=PHOTO_HELP)]
PhotoSideOpt = Annotated[
    Side | None, typer.Option(help="With --photo: the hanging leg; default: found in the photo.")
]
AnnotateOpt = Annotated[
    Path | None, typer.Option(help="With --photo: write a copy with the angles drawn (PNG).")
]
TiltOpt = Annotated[
    float,
    typer.Option(help="With --photo: how far the camera was tilted, in degrees (+ anticlockwise)."),
]
YesOpt = Annotated[
    bool, typer.Option("--yes", "-y", help="With --photo: record it without asking.")
]
PLACES = {"above": "above", "level": "level with", "below": "below"}


def only_photo(typed: list) -> None:
    if any(v for v in typed if v is not None):
        raise InvalidValue("--photo", "give a photo on its own, without values to type in")


def no_photo_options(side: Side | None, annotate: Path | None, yes: bool) -> None:
    if side is not None or annotate is not None or yes:
        raise InvalidValue("--photo", "--side, --annotate and --yes go with --photo FILE")


def read_photo(path: Path) -> bytes:
    if not path.is_file():
        raise InvalidValue("--photo", f"there is no photo file at {path}")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InvalidValue("--photo", f"{path} could not be read ({exc.strerror})") from None


def reading_lines(reading: PhotoReading) -> list[str]:
    """The reading in plain words, one fact a line."""
    side = reading.side.value.capitalize()
    low, high = (
        reading.hip_angle_deg - reading.uncertainty_deg,
        reading.hip_angle_deg + reading.uncertainty_deg,
    )
    lines = [
        f"{side} hip angle: {signed(reading.hip_angle_deg)} degrees, give or take "
        f"{reading.uncertainty_deg:.0f} ({signed(low)} to {signed(high)}; 0 = level with the bench).",
        f"That puts the {reading.side.value} thigh {PLACES[reading.thigh.value]} the bench line.",
    ]
    if not reading.settled:
        lines.append(
            "The range also reaches "
            + " and ".join(p.value for p in reading.possible if p is not reading.thigh)
            + ": look again by eye, or retake the photo, before you rely on it."
        )
    bent = (
        "stays bent to about 80 degrees or more" if reading.knee_stays_bent else "straightens out"
    )
    lines.append(f"Knee bend: {reading.knee_bend_deg:.0f} degrees (the knee {bent}).")
    if reading.trunk_tilt_deg is not None:
        lines.append(
            f"Trunk against the bench: {signed(reading.trunk_tilt_deg)} degrees (shoulder to hip; "
            "if your lower back lifted, the reading is less reliable)."
        )
    lines.append("A photo reading is an estimate, about 5 degrees either way at best.")
    return lines


def _confirmed(yes: bool, side: Side) -> bool:
    if yes:
        return True
    if not sys.stdin.isatty():
        return False
    try:
        return typer.confirm(f"Record this for your {side.value} side?", default=False)
    except typer.Abort:
        return False


def measure_from_photo(
    photo: Path,
    side: Side | None,
    annotate: Path | None,
    tilt: float,
    yes: bool,
    as_json: bool,
    person: str | None,
) -> list[Measurement]:
    """Read one side from ``photo``, write the annotated copy, record it when confirmed;
    returns what was recorded (the caller says so)."""
    data = read_photo(photo)
    if annotate is not None and not annotate.parent.is_dir():
        raise InvalidValue("--annotate", f"the folder {annotate.parent} does not exist")
    result = measure_photo(pose_estimator(), data, side, tilt)
    reading = result.reading
    console = Console(highlight=False)
    if annotate is not None:
        try:
            annotate.write_bytes(result.annotated_png)
        except OSError as exc:
            message = f"the annotated copy could not be written to {annotate} ({exc.strerror})"
            raise fail(message) from None
    if not as_json:
        for line in reading_lines(reading):
            console.print(line)
        if annotate is not None:
            console.print(f"The annotated copy is in {annotate}.")
    recorded = []
    if _confirmed(yes, reading.side):
        ctx = build_context()
        recorded = record_photo_reading(
            ctx,
            person_id_of(ctx, person),
            reading.side,
            reading.hip_angle_deg,
            reading.thigh,
            reading.knee_bend_deg,
        )
    if as_json:
        print_json(
            {"reading": reading_json(reading), "recorded": [to_primitive(m) for m in recorded]}
        )
    elif not recorded:
        console.print(
            "Not recorded. Run it again with --yes to record it, or type your own values with "
            "psoas measure --hip-left/--hip-right."
        )
    return recorded


def reading_json(reading: PhotoReading) -> dict:
    return {
        "side": reading.side.value,
        "hip_angle_deg": reading.hip_angle_deg,
        "uncertainty_deg": reading.uncertainty_deg,
        "thigh": reading.thigh.value,
        "possible": [p.value for p in reading.possible],
        "knee_bend_deg": reading.knee_bend_deg,
        "knee_stays_bent": reading.knee_stays_bent,
        "trunk_tilt_deg": reading.trunk_tilt_deg,
        "level_deg": reading.level_deg,
    }
