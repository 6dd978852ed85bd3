"""Photo self-test benchmark: milliseconds per photo with the offline pose model, and its error
against the hand-marked photos in tests/fixtures/pose (see the README there).

    python benchmarks/pose.py            # 10 timed runs per photo and turn
    python benchmarks/pose.py --quick    # 1 run, for CI

The anchor, measured in the same run, is decoding the same photos only (Pillow, upright, RGB):
what any photo feature pays before a model runs. Needs the camera extra. Never part of the test
run; nothing here is asserted.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import statistics
import time
from pathlib import Path

from PIL import Image

from psoas.domain.errors import PsoasError
from psoas.domain.pose.angles import read_self_test
from psoas.domain.pose.landmarks import BodyPoints, Joint, Point
from psoas.domain.records.measurements import Side
from psoas.vision.images import open_photo
from psoas.vision.mediapipe_pose import MediaPipePose

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "pose"
TURNS = (0, 1, 3)  # quarter turns clockwise; 1 and 3 lay the person down as on a bench


def photos() -> dict[tuple[str, int], bytes]:
    marks = json.loads((FIXTURES / "marks.json").read_text(encoding="utf-8"))["frames"]
    out = {}
    for name in marks:
        for turns in TURNS:
            image = Image.open(FIXTURES / name)
            if turns:
                image = image.rotate(-90 * turns, expand=True)
            buffer = io.BytesIO()
            image.save(buffer, format="JPEG", quality=92)
            out[(name, turns)] = buffer.getvalue()
    return out


def phone_size(data: bytes) -> bytes:
    """One photo scaled up to the size of a 12-megapixel phone photo."""
    image = Image.open(io.BytesIO(data))
    scale = (12_000_000 / (image.width * image.height)) ** 0.5
    image = image.resize((round(image.width * scale), round(image.height * scale)))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=90)
    return buffer.getvalue()


def timed(fn, items, runs: int) -> list[float]:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        for item in items:
            began = time.perf_counter()
            fn(item)
            times.append((time.perf_counter() - began) * 1000)
    return times


def summary(label: str, times: list[float]) -> str:
    ordered = sorted(times)
    p90 = ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]
    return f"{label:34} median {statistics.median(times):7.1f} ms   p90 {p90:7.1f} ms   ({len(times)} photos)"


def errors(model: MediaPipePose, shots: dict[tuple[str, int], bytes]) -> list[tuple]:
    marks = json.loads((FIXTURES / "marks.json").read_text(encoding="utf-8"))["frames"]
    rows = []
    for (name, turns), data in shots.items():
        found = model.find_body(data)
        width, height = Image.open(FIXTURES / name).size
        for leg in ("front", "rear"):
            points = {(Side.LEFT, Joint(j)): Point(*xy) for j, xy in marks[name][leg].items()}
            marked = BodyPoints(width, height, points).rotated_quarter_turns(turns)
            hand = read_self_test(marked, Side.LEFT)
            if found is None:
                rows.append((name, turns, leg, hand, None, marks[name]["thighs_overlap"]))
                continue
            knee = marked.get(Side.LEFT, Joint.KNEE)
            side = min(Side, key=lambda s: found.get(s, Joint.KNEE).distance(knee))  # type: ignore[union-attr,arg-type]
            rows.append(
                (name, turns, leg, hand, read_self_test(found, side), marks[name]["thighs_overlap"])
            )
    return rows


def print_errors(rows: list[tuple]) -> None:
    print("\nerror against the hand marks (degrees; measured - marked)")
    print(
        f"{'photo':14} {'turn':>4} {'leg':5} {'hip marked':>10} {'hip error':>9} {'knee marked':>11} {'knee error':>10}  note"
    )
    asserted_hip, other_hip, knee_all = [], [], []
    for name, turns, leg, hand, got, overlap in rows:
        note = "thighs overlap" if overlap else ("asserted" if leg == "rear" and turns else "")
        if got is None:
            print(f"{name:14} {turns * 90:4} {leg:5} {hand.hip_angle_deg:10.1f} {'no pose':>9}")
            continue
        hip_err = got.hip_angle_deg - hand.hip_angle_deg
        knee_err = got.knee_bend_deg - hand.knee_bend_deg
        (asserted_hip if note == "asserted" else other_hip).append(abs(hip_err))
        knee_all.append(abs(knee_err))
        print(
            f"{name:14} {turns * 90:4} {leg:5} {hand.hip_angle_deg:10.1f} {hip_err:9.1f} "
            f"{hand.knee_bend_deg:11.1f} {knee_err:10.1f}  {note}"
        )
    for label, values in (
        ("hip, asserted set (rear leg, lying stand-ins)", asserted_hip),
        ("hip, every other leg and turn", other_hip),
        ("knee bend, all", knee_all),
    ):
        if values:
            print(
                f"{label:46} mean |error| {statistics.mean(values):4.1f}   median "
                f"{statistics.median(values):4.1f}   max {max(values):4.1f}   (n={len(values)})"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--quick", action="store_true", help="1 run, for CI")
    args = parser.parse_args()
    runs = 1 if args.quick else args.runs
    shots = photos()
    began = time.perf_counter()
    model = MediaPipePose()
    print(
        f"model start-up (MediaPipe Pose Full, offline): {(time.perf_counter() - began) * 1000:.0f} ms"
    )
    sizes = sorted({Image.open(io.BytesIO(d)).size for d in shots.values()})
    print(f"photos: {len(shots)} ({', '.join(f'{w}x{h}' for w, h in sizes)})")
    print(summary("anchor: decode only", timed(open_photo, shots.values(), runs)))
    print(summary("find the body (decode + model)", timed(model.find_body, shots.values(), runs)))
    big = phone_size(shots[("walk_100.jpg", 1)])
    print(summary("anchor: decode only, 12 MP photo", timed(open_photo, [big], runs)))
    print(summary("find the body, 12 MP photo", timed(model.find_body, [big], runs)))
    readable = []
    for data in shots.values():
        points = model.find_body(data)
        with contextlib.suppress(PsoasError):
            readable.append((data, read_self_test(points)))
    print(summary("annotated copy (PNG)", timed(lambda r: model.annotate(*r), readable, runs)))
    print_errors(errors(model, shots))
    model.close()


if __name__ == "__main__":
    main()
