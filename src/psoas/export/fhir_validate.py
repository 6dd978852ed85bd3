"""Validate a Bundle with fhir.resources in time linear in its size.

fhir.resources takes about 3 ms per resource, and a year of daily logs holds thousands of
resources built by the same few functions. Each resource is reduced to its shape (resource type,
element names and value types, recursively); the first resource of every shape is validated
with its own model, and the Bundle envelope with one entry per shape. A resource whose shape is
new (a note, a side, a label that others lack) is therefore always validated; one that only
differs in values from an already validated one shares its structure and value types.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fhir.resources.R4B import get_fhir_model_class


def shape(value: Any) -> Any:
    """A hashable outline of ``value``: dict keys (in order) with their shapes, the distinct
    shapes of list items, and the types of plain values. The builders write keys in a fixed
    order, so equal structures give equal outlines."""
    kind = type(value)
    if kind is dict:
        return tuple([(key, shape(item)) for key, item in value.items()])
    if kind is list:
        return (list, *dict.fromkeys([shape(item) for item in value]))
    return kind


def validate_bundle(document: dict) -> None:
    """Raise pydantic's ValidationError when any shape of resource in ``document`` is invalid."""
    seen: set[Any] = set()
    samples = []
    for entry in document.get("entry", []):
        key = shape(entry)
        if key in seen:
            continue
        seen.add(key)
        samples.append(entry)
        resource = entry["resource"]
        get_fhir_model_class(resource["resourceType"]).model_validate(resource)
    get_fhir_model_class("Bundle").model_validate({**document, "entry": samples})


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while the bundle is built.

    A year of logs makes hundreds of thousands of small dicts and lists; each collection
    walks all of them, which made the export grow faster than linear (8,000 logs took 31 s).
    They hold no reference cycles, so reference counting frees them without the collector.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
