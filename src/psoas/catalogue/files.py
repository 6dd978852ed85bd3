"""Where the packaged catalogue data lives (standard library only, so finding it is cheap)."""

from __future__ import annotations

from importlib import resources
from importlib.abc import Traversable


def data_root() -> Traversable:
    """The packaged catalogue data folder, found through importlib.resources: it works from an
    installed wheel as well as from a checkout."""
    return resources.files("psoas.catalogue") / "data"
