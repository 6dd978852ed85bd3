"""The questions and rules files: they load, refer to each other correctly and cite sources."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from psoas.catalogue.loader import data_root
from psoas.catalogue.questions import load_questionnaire, parse_questionnaire
from psoas.catalogue.rules import check_rules_against, load_rules, parse_rules
from psoas.domain.catalogue.exercises import Equipment
from psoas.domain.errors import CatalogueError
from psoas.domain.records.measurements import Side
from psoas.domain.screening.questions import AnswerType
from psoas.domain.screening.rules import RULE_KINDS

QUESTIONS_TEXT = (data_root() / "questions.yaml").read_text(encoding="utf-8")
RULES_TEXT = (data_root() / "rules.yaml").read_text(encoding="utf-8")


def test_both_files_load():
    questionnaire, rules = load_questionnaire(), load_rules()
    assert len(questionnaire) > 40 and questionnaire.version
    assert len(rules.rules) > 30 and rules.version


def test_every_rule_reads_existing_questions_and_allowed_values():
    questionnaire, rules = load_questionnaire(), load_rules()
    check_rules_against(rules, questionnaire)
    for rule_id, question_ids in rules.referenced_questions().items():
        assert all(q in questionnaire.ids for q in question_ids), rule_id


def test_every_rule_names_a_source_and_a_strength():
    for rule in load_rules().rules:
        assert len(rule.source) >= 5, rule.id
        assert rule.strength in ("primary", "secondary", "unconfirmed"), rule.id
        assert rule.test.kind in RULE_KINDS


def test_every_red_flag_from_the_issue_is_asked_and_ruled():
    rules = load_rules()
    read = {q for ids in rules.referenced_questions().values() for q in ids}
    for flag in (
        "bladder_bowel",
        "saddle_numbness",
        "leg_weakness",
        "fever_or_unwell",
        "weight_loss",
        "cancer_history",
        "recent_fall",
        "long_term_steroids",
        "night_pain",
        "pain_is_new",
        "age",
        "no_improvement_month",
        "thigh_nerve_symptoms",
    ):
        assert flag in read, flag


def test_questions_have_help_and_fitting_values():
    questionnaire = load_questionnaire()
    for q in questionnaire:
        assert q.help and q.text, q.id
        if q.type in (AnswerType.SINGLE_CHOICE, AnswerType.MULTI_CHOICE):
            assert q.choices, q.id
        if q.type in (AnswerType.INTEGER, AnswerType.NUMBER):
            assert q.minimum is not None and q.maximum is not None, q.id
    assert questionnaire.get("equipment").values == tuple(e.value for e in Equipment)
    assert (
        questionnaire.get("pain_now").minimum == 0 and questionnaire.get("pain_now").maximum == 10
    )
    assert "Stratford" in questionnaire.get("psfs_1_score").attribution


def test_self_test_questions_exist_per_side_after_the_gate():
    questionnaire = load_questionnaire()
    ids = list(questionnaire.ids)
    gate = ids.index("self_test_done")
    assert ids[gate + 1 : gate + 11] == [
        f"{s}_{f}"
        for s in ("left", "right")
        for f in ("thigh", "hip_angle", "knee", "thigh_out", "back_flat")
    ]
    assert questionnaire.get("right_knee").side == Side.RIGHT
    assert (
        "positive" in questionnaire.self_test.convention
        and "0" in questionnaire.self_test.convention
    )
    assert "{side}" not in questionnaire.get("left_thigh").text


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_broken_question_names_the_file_and_the_question(tmp_path):
    raw = yaml.safe_load(QUESTIONS_TEXT)
    raw["questions"][0]["type"] = "essay"
    path = write(tmp_path, "questions.yaml", yaml.safe_dump(raw))
    with pytest.raises(CatalogueError, match=r"questions.yaml: questions\.age\.type"):
        parse_questionnaire(path)


def test_a_condition_on_a_later_question_is_refused(tmp_path):
    raw = yaml.safe_load(QUESTIONS_TEXT)
    raw["questions"][0]["when"] = {"question": "pregnant", "any_of": [True]}
    path = write(tmp_path, "questions.yaml", yaml.safe_dump(raw))
    with pytest.raises(
        CatalogueError,
        match=r"questions\.age: when\.question: 'pregnant' is not an earlier question",
    ):
        parse_questionnaire(path)


def test_a_rule_on_an_unknown_question_is_refused(tmp_path):
    raw = yaml.safe_load(RULES_TEXT)
    raw["rules"][0]["question"] = "bladder"
    path = write(tmp_path, "rules.yaml", yaml.safe_dump(raw))
    with pytest.raises(
        CatalogueError,
        match=r"rules\.urgent_bladder_bowel: question: unknown question id 'bladder'",
    ):
        check_rules_against(parse_rules(path), load_questionnaire())


def test_a_rule_comparing_with_a_value_that_cannot_occur_is_refused(tmp_path):
    raw = yaml.safe_load(RULES_TEXT)
    significant = next(r for r in raw["rules"] if r["id"] == "significant_fall")
    significant["flagged"] = ["serious"]
    path = write(tmp_path, "rules.yaml", yaml.safe_dump(raw))
    with pytest.raises(
        CatalogueError, match=r"values \['serious'\] are not allowed for 'recent_fall'"
    ):
        check_rules_against(parse_rules(path), load_questionnaire())


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"strength": "strong"}, "rules.urgent_bladder_bowel.red_flag.strength"),
        ({"source": None}, "rules.urgent_bladder_bowel.red_flag.source"),
        ({"triage": "proceed"}, "red_flag rule must set triage"),
        ({"kind": "vibes"}, "rules.urgent_bladder_bowel"),
    ],
)
def test_a_broken_rule_names_the_file_and_the_rule(tmp_path, change, message):
    raw = yaml.safe_load(RULES_TEXT)
    raw["rules"][0].update(change)
    path = write(tmp_path, "rules.yaml", yaml.safe_dump(raw))
    with pytest.raises(CatalogueError, match=r"rules\.yaml") as caught:
        parse_rules(path)
    assert message in str(caught.value)
