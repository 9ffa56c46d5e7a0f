"""Gold and facts files are checked when loaded, before any run: a wrong shape is `path: what is wrong`, exit 2."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from factcheck.errors import InputError
from factcheck.evaluate import load_gold
from factcheck.evaluate.goldfile import facts_beside

from .clihelp import assert_usage_error, copy_docs

MENTION = ["election-night", "Final turnout in the runoff was 61%"]
OTHER = ["election-roundup", "runoff reached 67%"]
GOOD = {
    "set": "mini",
    "documents": "docs",
    "note": "two election reports",
    "published": {"election-night": "2024-05-13", "election-roundup": None},
    "corroborated": [{"id": "won", "mentions": [MENTION, OTHER]}],
    "conflicts": [{"id": "turnout", "type": "number", "a": [MENTION], "b": [OTHER]}],
    "acceptable": [{"id": "ok", "a": [MENTION], "b": [OTHER]}],
    "traps": [{"id": "trap", "a": [MENTION], "b": [OTHER]}],
    "unique": [MENTION],
    "boilerplate": [OTHER],
}
FACTS = {
    "set": "mini",
    "complete": True,
    "note": "by hand",
    "sentences": [{"doc": "election-night", "text": "Final turnout in the runoff was 61%", "facts": ["turnout"]}],
}


def _write(folder: Path, name: str, data: object) -> Path:
    path = folder / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "docs").mkdir()
    return tmp_path


def _changed(base: dict, path: tuple, value: object) -> dict:
    """A deep copy of `base` with the item at `path` replaced by `value` (or deleted when value is DELETE)."""
    data = copy.deepcopy(base)
    target = data
    for step in path[:-1]:
        target = target[step]
    if value is DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


DELETE = object()


def test_a_well_formed_gold_and_facts_file_load(folder):
    gold = _write(folder, "gold.json", GOOD)
    _write(folder, "facts.json", FACTS)
    loaded = load_gold(str(gold))
    assert loaded.root == (folder / "docs").resolve()
    assert loaded.facts is not None and loaded.facts.complete is True
    assert loaded.facts.sentences[0].keys == {"turnout"}


@pytest.mark.parametrize(
    "path, value, needle",
    [
        (("conflicts",), "x", '"conflicts": must be a list, not a string'),
        (("conflicts", 0, "b"), DELETE, 'conflicts[0]: has no side "b"'),
        (("traps", 0, "a"), DELETE, 'traps[0]: has no side "a"'),
        (("acceptable", 0, "a"), [], "acceptable[0].a: must not be empty"),
        (("conflicts", 0, "id"), DELETE, "conflicts[0].id: must be a non-empty string"),
        (("conflicts", 0), "turnout", "conflicts[0]: must be an object, not a string"),
        (("published",), [], '"published": must be an object, not a list'),
        (("published", "election-night"), "13 May 2024", "\"published\" of 'election-night': must be a YYYY-MM-DD"),
        (("published", "election-night"), 20240513, "must be a YYYY-MM-DD date or null, not 20240513"),
        (("corroborated", 0, "mentions"), DELETE, 'corroborated[0]: has no "mentions"'),
        (("corroborated", 0, "mentions", 1), "election-roundup", "corroborated[0].mentions[1]: a mention must be"),
        (("conflicts", 0, "a", 0), ["election-night"], "conflicts[0].a[0]: a mention must be [doc id, snippet]"),
        (("conflicts", 0, "a", 0), ["election-night", "61%", "x"], "conflicts[0].a[0]: a mention must be"),
        (("unique", 0), ["election-night", 61], "unique[0]: a mention must be"),
        (("boilerplate", 0), ["election-night", "  "], "boilerplate[0]: a mention must be [doc id, non-empty snippet]"),
        (("traps", 0, "b", 0), ["", "runoff reached 67%"], "traps[0].b[0]: a mention must be [doc id, snippet]"),
        (("boilerplate",), {"a": "b"}, '"boilerplate": must be a list, not an object'),
        (("set",), 3, '"set": must be a non-empty string, not 3'),
        (("documents",), ["docs"], '"documents": must be a non-empty string'),
        (("conflict",), [], "unknown key 'conflict'"),
    ],
)
def test_a_gold_file_of_the_wrong_shape_is_an_input_error_naming_the_place(folder, path, value, needle):
    gold = _write(folder, "gold.json", _changed(GOOD, path, value))
    with pytest.raises(InputError) as err:
        load_gold(str(gold))
    assert str(err.value).startswith(f"{gold}: ")
    assert needle in str(err.value)


@pytest.mark.parametrize(
    "path, value, needle",
    [
        (("complete",), DELETE, '"complete": must be true or false, not null'),
        (("complete",), "yes", '"complete": must be true or false, not a string'),
        (("sentences",), DELETE, 'has no "sentences"'),
        (("sentences",), {}, '"sentences": must be a list, not an object'),
        (("sentences", 0), "Final turnout", "sentences[0]: must be an object, not a string"),
        (("sentences", 0, "doc"), DELETE, "sentences[0].doc: must be a non-empty string, not null"),
        (("sentences", 0, "text"), "", 'sentences[0].text: must be a non-empty string, not ""'),
        (("sentences", 0, "facts"), "turnout", "sentences[0].facts: must be a list, not a string"),
        (("sentences", 0, "facts"), ["turnout", ""], "sentences[0].facts[1]: must be a non-empty string"),
        (("sentences", 0, "fact"), ["turnout"], "sentences[0]: unknown key 'fact'"),
        (("set",), "other", 'facts file is for set "other", the gold file for "mini"'),
        (("extra",), 1, "unknown key 'extra'"),
    ],
)
def test_a_facts_file_of_the_wrong_shape_is_an_input_error_naming_the_place(folder, path, value, needle):
    gold = _write(folder, "gold.json", GOOD)
    facts = _write(folder, "facts.json", _changed(FACTS, path, value))
    with pytest.raises(InputError) as err:
        load_gold(str(gold))
    assert str(err.value).startswith(f"{facts}: ")
    assert needle in str(err.value)


@pytest.mark.parametrize("content, needle", [("{oops", "facts file is not valid JSON"), ("[]", "must be an object")])
def test_an_unparsable_facts_file_is_an_input_error(folder, content, needle):
    gold = _write(folder, "gold.json", GOOD)
    _write(folder, "facts.json", content)
    with pytest.raises(InputError, match=needle):
        load_gold(str(gold))


def test_an_empty_snippet_stands_for_the_whole_document_except_in_boilerplate(folder):
    whole = ["election-roundup", ""]
    gold = _write(folder, "gold.json", {**GOOD, "acceptable": [{"id": "any", "a": [MENTION], "b": [whole]}]})
    assert load_gold(str(gold)).data["acceptable"][0]["b"] == [whole]


def test_the_facts_file_beside_a_gold_file(tmp_path):
    seeds, plain = tmp_path / "seeds.gold.json", tmp_path / "gold.json"
    assert facts_beside(seeds) is None
    _write(tmp_path, "facts.json", FACTS)
    assert facts_beside(seeds) == tmp_path / "facts.json"  # the folder's facts file when there is no named one
    assert facts_beside(plain) == tmp_path / "facts.json"
    _write(tmp_path, "seeds.facts.json", FACTS)
    assert facts_beside(seeds) == tmp_path / "seeds.facts.json"


def test_an_explicit_facts_file_wins_over_the_one_beside(folder):
    gold = _write(folder, "gold.json", GOOD)
    _write(folder, "facts.json", "{broken")
    other = _write(folder, "mine.json", {**FACTS, "complete": False})
    assert load_gold(str(gold), str(other)).facts.complete is False
    assert load_gold(str(gold), find_facts=False).facts is None


def test_a_gold_file_without_documents_uses_the_folder_of_its_name(tmp_path):
    (tmp_path / "rumour").mkdir()
    gold = _write(tmp_path, "rumour.gold.json", {k: v for k, v in GOOD.items() if k != "documents"})
    assert load_gold(str(gold)).root == (tmp_path / "rumour").resolve()
    lone = _write(tmp_path, "gold.json", {"set": "x"})
    with pytest.raises(InputError, match='has no "documents" folder'):
        load_gold(str(lone))


# --- through the command line: exit 2 before any run ------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, path, value, needle",
    [
        ("gold.json", ("conflicts",), "x", '"conflicts": must be a list'),
        ("gold.json", ("conflicts", 0, "a"), DELETE, 'has no side "a"'),
        ("gold.json", ("published",), [], '"published": must be an object'),
        ("facts.json", ("complete",), "no", '"complete": must be true or false'),
    ],
)
def test_cli_eval_with_a_malformed_gold_or_facts_file_exits_2(cli, tmp_path, name, path, value, needle):
    copy_docs(tmp_path / "docs", ("election-night.txt", "election-roundup.txt"))
    gold = _write(tmp_path, "gold.json", _changed(GOOD, path, value) if name == "gold.json" else GOOD)
    _write(tmp_path, "facts.json", _changed(FACTS, path, value) if name == "facts.json" else FACTS)
    assert_usage_error(cli("eval", gold), name, needle)


def test_cli_facts_option_needs_exactly_one_gold_file(cli, tmp_path):
    copy_docs(tmp_path / "docs", ("election-night.txt", "election-roundup.txt"))
    gold = _write(tmp_path, "gold.json", GOOD)
    facts = _write(tmp_path, "mine.json", FACTS)
    assert_usage_error(cli("eval", gold, gold, "--facts", facts), "--facts", "2 gold files")
