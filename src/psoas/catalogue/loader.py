"""Load and validate the exercise files into a frozen domain ``Catalogue``.

Data is found through importlib.resources (``psoas.catalogue.files``), so it works from an
installed wheel as well as a checkout. A broken file raises ``CatalogueError`` naming the file
and the field. ``psoas.catalogue.load_catalogue`` keeps the validated result between runs
(``psoas.catalogue.snapshot``).
"""

from __future__ import annotations

from importlib.abc import Traversable
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from psoas.catalogue.files import data_root as data_root  # where it always was, for callers
from psoas.catalogue.schema import ExerciseModel, PoseModel
from psoas.domain.catalogue.exercises import (
    Catalogue,
    Dose,
    DoseRange,
    Exercise,
    ExerciseCaution,
    LimbAngles,
    Pose,
    Source,
)
from psoas.domain.errors import CatalogueError

# libyaml's safe loader when PyYAML was built with it (several times faster), else pure Python.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(entry: Traversable | Path, label: str | None = None) -> Any:
    """Parse one YAML file; a syntax error names the file and the line."""
    name = label or entry.name
    try:
        return yaml.load(entry.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise CatalogueError(f"{name}:{where}: {problem}") from None
    except UnicodeDecodeError:
        raise CatalogueError(f"{name}: not UTF-8 text") from None


def describe_validation_error(name: str, exc: ValidationError) -> str:
    """One line per problem: 'file: field.path: message'."""
    lines = []
    for err in exc.errors():
        field = ".".join(str(p) for p in err["loc"]) or "(file)"
        lines.append(f"{name}: {field}: {err['msg']}")
    return "\n".join(lines)


def parse_exercise(entry: Traversable | Path) -> Exercise:
    """Validate one exercise file and build the domain object."""
    raw = read_yaml(entry)
    if not isinstance(raw, dict):
        raise CatalogueError(f"{entry.name}: (file): expected a mapping of fields")
    try:
        model = ExerciseModel.model_validate(raw)
    except ValidationError as exc:
        raise CatalogueError(describe_validation_error(entry.name, exc)) from None
    expected = entry.name.removesuffix(".yaml")
    if model.id != expected:
        raise CatalogueError(
            f"{entry.name}: id: '{model.id}' must equal the file name '{expected}'"
        )
    return to_domain(model)


def to_domain(m: ExerciseModel) -> Exercise:
    return Exercise(
        id=m.id,
        name=m.name,
        summary=m.summary,
        category=m.category,
        position=m.position,
        muscles=m.muscles,
        equipment=m.equipment,
        level=m.level,
        unilateral=m.unilateral,
        dose=Dose(**m.dose.model_dump()),
        dose_range=DoseRange(**m.dose_range.model_dump()),
        steps=m.steps,
        cues=m.cues,
        mistakes=m.mistakes,
        breathing=m.breathing,
        easier=m.easier,
        harder=m.harder,
        cautions=tuple(ExerciseCaution(**c.model_dump()) for c in m.cautions),
        sources=tuple(Source(**s.model_dump()) for s in m.sources),
        poses=tuple(_pose(p) for p in m.poses),
        tags=m.tags,
    )


def _pose(p: PoseModel) -> Pose:
    return Pose(
        name=p.name,
        trunk=p.trunk,
        neck=p.neck,
        left=LimbAngles(**p.left.model_dump()),
        right=LimbAngles(**p.right.model_dump()),
        contact=tuple(p.contact),
        support=p.support,
        props=tuple(p.props),
        holds=tuple(sorted(p.holds.items())),
    )


def load_exercises(folder: Traversable | Path) -> Catalogue:
    """Load every ``*.yaml`` in ``folder``; collects all broken files into one error."""
    exercises: dict[str, Exercise] = {}
    problems: list[str] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        try:
            exercise = parse_exercise(entry)
        except CatalogueError as exc:
            problems.append(exc.message)
            continue
        exercises[exercise.id] = exercise
    catalogue = Catalogue(exercises)
    problems.extend(
        f"{source}.yaml: easier/harder/substitute: unknown exercise '{target}'"
        for source, target in catalogue.unresolved_references()
    )
    if problems:
        raise CatalogueError("\n".join(problems))
    return catalogue
