"""Illustration benchmark: drawing every exercise of the packaged catalogue.

    python benchmarks/figures.py            # 20 rounds
    python benchmarks/figures.py --runs 50

Prints, per kind of drawing (still SVG, animated SVG, terminal text), the median time to draw
the whole catalogue uncached and the total size of the output. Never part of the test run.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from psoas.catalogue import load_catalogue
from psoas.domain.catalogue.exercises import Exercise
from psoas.export.figures import exercise_svg, pose_text

DRAW_SVG = exercise_svg.__wrapped__  # skip the cache: measure the drawing itself

KINDS: dict[str, Callable[[Exercise], str]] = {
    "still SVG": lambda e: DRAW_SVG(e),
    "animated SVG": lambda e: DRAW_SVG(e, animated=True),
    "terminal text": pose_text,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--quick", action="store_true", help="1 run(s), for CI")
    args = parser.parse_args()
    runs = 1 if args.quick else args.runs
    exercises = list(load_catalogue())
    print(f"{len(exercises)} exercises, {runs} rounds")
    for label, draw in KINDS.items():
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            size = sum(len(draw(e)) for e in exercises)
            times.append(time.perf_counter() - start)
        median = statistics.median(times) * 1000
        per = median / len(exercises)
        print(f"{label:14s} {median:8.1f} ms for all ({per:5.2f} ms each), {size / 1024:7.1f} KiB")


if __name__ == "__main__":
    main()
