"""Screening benchmark: loading the questions and rules, and screening the example personas.

    python benchmarks/assessment.py            # 2000 screenings per persona
    python benchmarks/assessment.py --runs 10000

Prints the time to parse and check questions.yaml + rules.yaml (uncached), and the median and
slowest time of one ``screen`` call per persona in docs/examples, in microseconds. Never part
of the test run.
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import date
from pathlib import Path

import yaml

from psoas.catalogue.loader import data_root
from psoas.catalogue.questions import parse_questionnaire
from psoas.catalogue.rules import check_rules_against, parse_rules
from psoas.domain.screening.engine import screen

EXAMPLES = Path(__file__).resolve().parents[1] / "docs" / "examples"
TODAY = date(2026, 11, 21)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2000)
    parser.add_argument("--quick", action="store_true", help="20 run(s), for CI")
    args = parser.parse_args()
    runs = 20 if args.quick else args.runs

    start = time.perf_counter()
    questionnaire = parse_questionnaire(data_root() / "questions.yaml")
    rules = parse_rules(data_root() / "rules.yaml")
    check_rules_against(rules, questionnaire)
    load_ms = (time.perf_counter() - start) * 1000
    print(f"load questions ({len(questionnaire)}) + rules ({len(rules.rules)}): {load_ms:.1f} ms")

    for path in sorted(EXAMPLES.glob("*.yaml")):
        answers = yaml.safe_load(path.read_text(encoding="utf-8"))
        timings = []
        for _ in range(runs):
            began = time.perf_counter()
            _, result = screen(answers, questionnaire, rules, TODAY)
            timings.append((time.perf_counter() - began) * 1e6)
        print(
            f"{path.stem:16} {result.triage.value:22} median {statistics.median(timings):7.1f} us"
            f"   slowest {max(timings):8.1f} us   ({runs} runs)"
        )


if __name__ == "__main__":
    main()
