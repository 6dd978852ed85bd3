"""Issue 22: no module of psoas grows past about 300 lines, so each one can be read in a sitting.

Counted as physical lines, the way ``wc -l`` counts them. A module that needs more is split by
concept (see docs/architecture.md), not trimmed by packing lines.
"""

from __future__ import annotations

from pathlib import Path

import psoas

LIMIT = 300
ROOT = Path(psoas.__file__).parent


def _sizes() -> dict[str, int]:
    return {
        str(path.relative_to(ROOT)): len(path.read_text(encoding="utf-8").splitlines())
        for path in ROOT.rglob("*.py")
    }


def test_the_package_is_where_the_test_looks() -> None:
    sizes = _sizes()
    assert "ports.py" in sizes and "domain/catalogue/figure.py" in sizes
    assert len(sizes) > 100


def test_no_module_is_over_the_limit() -> None:
    too_long = {name: n for name, n in _sizes().items() if n > LIMIT}
    assert not too_long, f"modules over {LIMIT} lines (split them by concept): {too_long}"
