"""Load and validate ``rules.yaml`` into a frozen domain ``RuleSet``.

Each rule names its kind (see ``psoas.domain.screening.rules.RULE_KINDS``), the kind's parameters,
what follows when it holds (triage, cautions, a profile signal) and a finding in plain words
with its source and the source's strength. ``check_rules_against`` verifies every question id
and value a rule reads exists in the questionnaire.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.abc import Traversable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from psoas.catalogue.loader import data_root, describe_validation_error, read_yaml
from psoas.catalogue.questions import load_questionnaire, name_list_items
from psoas.catalogue.rule_models import (
    Effects,
    RuleFileModel,
)
from psoas.domain.errors import CatalogueError
from psoas.domain.screening.questions import AnswerType, Questionnaire
from psoas.domain.screening.rules import RULE_KINDS, ProfileText, Rule, RuleSet, Test

FILE_NAME = "rules.yaml"
TEST_FIELDS = set(Effects.model_fields)


def _test(model: BaseModel) -> Test:
    """Build the domain test for a rule or nested test through the kind registry."""
    data = {
        k: getattr(model, k)
        for k in type(model).model_fields
        if k not in TEST_FIELDS and k != "kind"
    }
    for key, value in data.items():
        if key == "tests":
            data[key] = tuple(_test(t) for t in value)
        elif isinstance(value, list):
            data[key] = tuple(value)
    return RULE_KINDS[model.kind](**data)  # type: ignore[attr-defined]


def _rule(m: Any) -> Rule:
    return Rule(
        id=m.id,
        test=_test(m),
        title=m.title,
        explanation=m.explanation,
        source=m.source,
        strength=m.strength,
        triage=m.triage,
        cautions=frozenset(m.cautions),
        signal=m.signal,
        weight=m.weight,
        asymmetry=m.asymmetry,
        care=m.care.value if m.care else "",
    )


def build_ruleset(model: RuleFileModel) -> RuleSet:
    profiles = {
        p: ProfileText(
            title=t.title,
            explanation=t.explanation,
            source=t.source,
            strength=t.strength,
            summary=t.summary,
        )
        for p, t in model.profiles.items()
    }
    return RuleSet(
        version=model.version,
        rules=tuple(_rule(m) for m in model.rules),
        profile_min_score=model.profile_min_score,
        inconclusive_when=frozenset(model.inconclusive_when),
        profiles=profiles,
        profile_on_hold=model.profile_on_hold,
    )


def check_rules_against(
    rules: RuleSet, questionnaire: Questionnaire, name: str = FILE_NAME
) -> None:
    """Every question a rule reads exists, and every value it compares with is allowed."""
    problems = []
    for rule in rules.rules:
        for test in _walk(rule.test):
            question_id = getattr(test, "question", None)
            if question_id is None:
                continue
            if question_id not in questionnaire.ids:
                problems.append(
                    f"{name}: rules.{rule.id}: question: unknown question id '{question_id}'"
                )
                continue
            problem = _value_problem(test, questionnaire.get(question_id))
            if problem:
                problems.append(f"{name}: rules.{rule.id}: {problem}")
    if problems:
        raise CatalogueError("\n".join(problems))


def _walk(test: Test) -> list[Test]:
    nested = getattr(test, "tests", ())
    return [test, *(t for n in nested for t in _walk(n))]


def _value_problem(test: Test, question: Any) -> str | None:
    values = getattr(test, "flagged", None) or getattr(test, "any_of", None)
    if test.kind in ("threshold",) and question.type not in (AnswerType.INTEGER, AnswerType.NUMBER):
        return f"threshold: '{question.id}' is not a number question"
    if test.kind == "weeks_since" and question.type != AnswerType.DATE:
        return f"weeks_since: '{question.id}' is not a date question"
    if values is None:
        return None
    if question.type == AnswerType.YES_NO:
        bad = [v for v in values if not isinstance(v, bool)]
    else:
        bad = [v for v in values if v not in question.values]
    return f"values {bad} are not allowed for '{question.id}'" if bad else None


def parse_rules(entry: Traversable | Path) -> RuleSet:
    raw = read_yaml(entry)
    if not isinstance(raw, dict):
        raise CatalogueError(
            f"{entry.name}: (file): expected a mapping with version, profiles, rules"
        )
    try:
        model = RuleFileModel.model_validate(raw)
    except ValidationError as exc:
        raise CatalogueError(
            name_list_items(describe_validation_error(entry.name, exc), raw)
        ) from None
    return build_ruleset(model)


@lru_cache(maxsize=4)
def load_rules(path: str | None = None, questions_path: str | None = None) -> RuleSet:
    """The screening rules (packaged or at ``path``), checked against the questionnaire."""
    entry: Traversable | Path = Path(path) if path else data_root() / FILE_NAME
    rules = parse_rules(entry)
    check_rules_against(rules, load_questionnaire(questions_path), entry.name)
    return rules
