"""Table tests for negation cues and the word each scopes over."""

from __future__ import annotations

import pytest

from factcheck.extract.negation import extract_negation

# (text, [(cue, scoped word), ...])
CASES = [
    ("While details were not fully disclosed, talks went on.", [("not", "disclosed")]),
    ("Iraq is not a battleground", [("not", "battleground")]),
    ("He didn't attend and won’t go.", [("n't", "attend"), ("n’t", "go")]),
    ("The ministry denied involvement and refused to comment.", [("denied", "involvement"), ("refused", "comment")]),
    ("No one was hurt; there were no casualties.", [("No", "hurt"), ("no", "casualties")]),
    ("He never said it.", [("never", "said")]),
    ("They left without permission.", [("without", "permission")]),
    ("neither side nor the other", [("neither", "side"), ("nor", "other")]),
    ("It cannot be done.", [("cannot", "done")]),
    ("the government rejected the plan", [("rejected", "plan")]),
    ("the government's rejection of such attacks", [("rejection", "attacks")]),
    ("a transition and not a departure of forces", [("not", "departure")]),
    ("It was not.", [("not", None)]),
    # not negations
    ("Not only that, but more.", []),
    ("whether or not it rains", []),
    ("There is no doubt it happened.", []),
    ("The talks resumed on Tuesday.", []),
    ("Notably, nobody objected", [("nobody", "objected")]),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_extract_negation(text: str, expected: list[tuple[str, str | None]]) -> None:
    facts = extract_negation(text)
    assert [(f.text, f.label) for f in facts] == expected
    for f in facts:
        assert f.type == "negation"
        assert f.value == "negative"
        assert text[f.start : f.end] == f.text
