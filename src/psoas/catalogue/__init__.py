"""The catalogue adapter: data files (exercises, questions, rules) -> frozen domain objects."""

from psoas.catalogue.snapshot import load_catalogue

__all__ = ["load_catalogue"]
