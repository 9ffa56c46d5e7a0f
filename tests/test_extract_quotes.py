"""Table tests for quotation and attribution extraction."""

from __future__ import annotations

import pytest

from factcheck.extract.quotes import attribution, extract_quotes, quote_similarity

# (text, [(surface text, value, speaker, qualifier), ...])
CASES = [
    (
        "Hussein emphasized during his call with Blinken the government’s rejection of such attacks and informed him "
        "that “Iraq is not a battleground for settling scores between conflicting countries.”",
        [
            (
                "“Iraq is not a battleground for settling scores between conflicting countries.”",
                "iraq is not a battleground for settling scores between conflicting countries",
                "hussein",
                None,
            )
        ],
    ),
    (
        'He asserted that "Iraq is not an arena for settling scores between rival countries."',
        [
            (
                '"Iraq is not an arena for settling scores between rival countries."',
                "iraq is not an arena for settling scores between rival countries",
                None,
                None,
            )
        ],
    ),
    (
        '"We will not leave," said Iraqi Foreign Minister Fuad Hussein.',
        [('"We will not leave,"', "we will not leave", "fuad hussein", None)],
    ),
    ('"We will not leave," Hussein told reporters.', [('"We will not leave,"', "we will not leave", "hussein", None)]),
    (
        "He questioned whether the measures were influenced by “other political reasons.”",
        [("“other political reasons.”", "other political reasons", None, "short")],
    ),
    ('The ministry said the "talks" had ended.', [('"talks"', "talks", "ministry", "short")]),
    ('U.S. Major General Joel "JB" Vowell attended', [('"JB"', "jb", None, "short")]),
    ("No quotation here, according to the USGS.", []),
    ('An unclosed "quote here', []),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_extract_quotes(text: str, expected: list[tuple[str, str, str | None, str | None]]) -> None:
    facts = extract_quotes(text)
    assert [(f.text, f.value, f.label, f.qualifier) for f in facts] == expected
    for f in facts:
        assert f.type == "quote"
        assert text[f.start : f.end] == f.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The quake had a magnitude of 6.8, according to the USGS.", "usgs"),
        ("According to Reuters, the toll rose.", "reuters"),
        ("The ministry said the talks had ended.", "ministry"),
        ("Officials said it was over.", "officials"),
        ("The talks resumed, said U.S. Secretary of State Antony Blinken.", "antony blinken"),
        ("The Iraqi Foreign Ministry's statement mentioned the talks.", None),
        ("He said it was over.", None),
        ("The talks resumed.", None),
    ],
)
def test_attribution(text: str, expected: str | None) -> None:
    assert attribution(text) == expected


def test_quote_similarity() -> None:
    a = "Iraq is not a battleground for settling scores between conflicting countries."
    b = "Iraq is not an arena for settling scores between rival countries."
    assert quote_similarity(a, a.upper()) == 1.0
    assert 0.6 < quote_similarity(a, b) < 1.0
    assert quote_similarity(a, "The weather was fine.") < 0.5
