"""The catalogue adapter: data files (exercises, questions, rules) -> frozen domain objects."""

from psoas.catalogue.loader import load_catalogue

__all__ = ["load_catalogue"]
