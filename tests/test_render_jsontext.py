"""The indented JSON writer writes what `json.dumps(value, indent=2, ensure_ascii=False)` writes, byte for byte."""

from __future__ import annotations

import json
from enum import IntEnum, StrEnum

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.render.jsontext import indented


class Colour(StrEnum):
    RED = "red"


class Level(IntEnum):
    HIGH = 3


def _standard(value: object) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()  # any code point: escapes, quotes, non-ASCII, lone surrogates
    | st.sampled_from([Colour.RED, Level.HIGH])
)
_keys = st.text() | st.integers() | st.floats(allow_nan=False) | st.booleans() | st.none()
_values = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner) | st.dictionaries(_keys, inner, max_size=4),
    max_leaves=30,
)


@settings(max_examples=400, deadline=None)
@given(_values)
def test_any_json_value_is_written_as_the_standard_library_writes_it(value: object) -> None:
    assert indented(value) == _standard(value)


def test_nested_empty_and_subclassed_containers() -> None:
    class Row(dict):
        pass

    class Items(list):
        pass

    value = {"a": [], "b": {}, "c": [[], [{}]], "d": Row(x=Items([1, 2.5, Colour.RED])), "e": (None, True)}
    assert indented(value) == _standard(value)


def test_what_the_standard_library_refuses_is_refused() -> None:
    for bad in ({"a": {1, 2}}, [object()], {(1, 2): "tuple key"}):
        with pytest.raises(TypeError):
            _standard(bad)
        with pytest.raises(TypeError):
            indented(bad)
