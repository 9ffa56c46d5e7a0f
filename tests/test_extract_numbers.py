"""Table tests for number extraction: value, counted noun, qualifier, interval, and false-parse guards."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.extract.numbers import extract_numbers

# (text, [(surface text, value, label, qualifier), ...]) — every number the sentence states, in order.
CASES = [
    ("The United States has 2,500 troops in Iraq.", [("2,500 troops", "2500", "troops", "exact")]),
    ("Currently, about 2,500 U.S. troops remain in Iraq.", [("about 2,500 U.S. troops", "2500", "troops", "approx")]),
    ("approximately 2,500 U.S. troops remain", [("approximately 2,500 U.S. troops", "2500", "troops", "approx")]),
    ("three American soldiers were killed", [("three American soldiers", "3", "soldiers", "exact")]),
    ("an attack that killed three U.S. service members", [("three U.S. service members", "3", "members", "exact")]),
    ("airstrikes on Friday against over 85 targets in Iraq", [("over 85 targets", "85", "targets", "min")]),
    ("more than 1,000 people died", [("more than 1,000 people", "1000", "people", "min")]),
    ("at least 2,901 people were killed", [("at least 2,901 people", "2901", "people", "min")]),
    ("fewer than 500 homes", [("fewer than 500 homes", "500", "homes", "max")]),
    ("aftershocks of up to 4.8 on the Richter scale", [("up to 4.8 on the Richter scale", "4.8", "magnitude", "max")]),
    ("the U.S. restricted 14 Iraqi banks", [("14 Iraqi banks", "14", "banks", "exact")]),
    ("hundreds of people fled", [("hundreds of people", "100", "people", "approx")]),
    ("thousands were displaced", [("thousands", "1000", None, "approx")]),
    ("and tens of thousands attempting to seek refuge", [("tens of thousands", "10000", None, "approx")]),
    ("a million people", [("a million people", "1000000", "people", "exact")]),
    (
        "the displacement of about a million Lebanese to other cities",
        [("about a million Lebanese", "1000000", "lebanese", "approx")],
    ),
    ("a third of the population", [("a third of the population", "0.333", "population", "exact")]),
    ("The quake measured 6.8 on the Richter scale.", [("6.8 on the Richter scale", "6.8", "magnitude", "exact")]),
    ("a magnitude 6.8 quake", [("6.8", "6.8", "magnitude", "exact")]),
    ("a 6.8-magnitude earthquake", [("6.8-magnitude", "6.8", "magnitude", "exact")]),
    (
        "at a depth of 18.5 km, 71 km south-west of Marrakesh",
        [("18.5 km", "18.5", "km", "exact"), ("71 km", "71", "km", "exact")],
    ),
    ("a package worth $27.5 billion", [("$27.5 billion", "27500000000", "dollars", "exact")]),
    ("61% of voters", [("61%", "61", "percent", "exact")]),
    ("61 percent of voters", [("61 percent", "61", "percent", "exact")]),
    ("between 3 and 5 people", [("between 3 and 5 people", "3-5", "people", "range")]),
    ("3-5 people", [("3-5 people", "3-5", "people", "range")]),
    ("3 to 5 million dollars", [("3 to 5 million dollars", "3000000-5000000", "dollars", "range")]),
    ("two or three days", [("two or three days", "2-3", "days", "range")]),
    ("less than 24 hours later", [("less than 24 hours", "24", "hours", "max")]),
    ("The attack killed 296.", [("296", "296", "killed", "exact")]),
    ("the toll rose to 2,012 on Monday", [("2,012", "2012", "toll", "exact")]),
    ("the toll rose from 1,000 to 2,012", [("1,000", "1000", "toll", "exact"), ("2,012", "2012", "toll", "exact")]),
    ("two hundred and fifty thousand people", [("two hundred and fifty thousand people", "250000", "people", "exact")]),
    ("twenty-five soldiers", [("twenty-five soldiers", "25", "soldiers", "exact")]),
    ("a dozen boats", [("a dozen boats", "12", "boats", "exact")]),
    ("nearly 300 people", [("nearly 300 people", "300", "people", "approx")]),
    ("almost 40%", [("almost 40%", "40", "percent", "approx")]),
    ("some 200 rebels", [("some 200 rebels", "200", "rebels", "approx")]),
    ("an estimated 10,000 civilians", [("an estimated 10,000 civilians", "10000", "civilians", "approx")]),
    (
        "roughly 50 boats and around 60 cars",
        [("roughly 50 boats", "50", "boats", "approx"), ("around 60 cars", "60", "cars", "approx")],
    ),
    ("~50 boats", [("~50 boats", "50", "boats", "approx")]),
    ("upwards of 30 tanks", [("upwards of 30 tanks", "30", "tanks", "min")]),
    ("exceeding 100 deaths", [("exceeding 100 deaths", "100", "deaths", "min")]),
    ("at most 7 ships", [("at most 7 ships", "7", "ships", "max")]),
    ("under 18 children", [("under 18 children", "18", "children", "max")]),
    ("will study 3 points:", [("3 points", "3", "points", "exact")]),
    ("one soldier was killed", [("one soldier", "1", "soldier", "exact")]),
    ("the 2000 troops", [("2000 troops", "2000", "troops", "exact")]),
    ("Iran steps up relief efforts after quakes kill 227", [("227", "227", "killed", "exact")]),
    (
        "9 dead, 11 hurt, 4 missing",
        [
            ("9 dead", "9", "dead", "exact"),
            ("11 hurt", "11", "injured", "exact"),
            ("4 missing", "4", "missing", "exact"),
        ],
    ),
    ("Three Tibetans self-immolate in western China", [("Three Tibetans", "3", "tibetans", "exact")]),
    ("More than 30 striking miners killed", [("More than 30 striking miners", "30", "miners", "min")]),
    (
        "EU Disposes of 215 Million COVID-19 Vaccines",
        [("215 Million COVID-19 Vaccines", "215000000", "vaccines", "exact")],
    ),
    ("Sandy leaves 7.4M without power", [("7.4M", "7400000", None, "exact")]),
    ("Ray Bradbury dies at 91", [("91", "91", "age", "exact")]),
    ("a 24-hour ceasefire", [("24-hour", "24", "hours", "exact")]),
    ("the talks centered around three main points", [("around three main points", "3", "points", "approx")]),
    # false parses: years, times, dates, ordinals, pronoun "one", ids, phone numbers
    ("which in 2014 seized large parts of Iraq", []),
    ("2024 was a difficult year", []),
    ("the 2024 election", []),
    ("since 2019 and until 2021", []),
    ("The quake struck at 23:11 local time", []),
    ("It happened at 11:11 pm", []),
    ("on Saturday January 27 in Baghdad", []),
    ("on 27 January 2024", []),
    ("on Sept. 8, 2023", []),
    ("Sunday, September 1, 2024", []),
    ("18 SEPT", []),
    ("the first discussions", []),
    ("Joel Vowell (2nd right)", []),
    ("One of the officials said", []),
    ("No one was hurt", []),
    ("Someone said so", []),
    ("He is the one who knew", []),
    ("Call 555-123-4567 now", []),
    ("Flight 370 vanished", []),
    ("F-16 jets and COVID-19 cases", []),
    ("the G7 summit", []),
    ("Second, the US military withdrawal was discussed", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_extract_numbers(text: str, expected: list[tuple[str, str, str | None, str]]) -> None:
    facts = extract_numbers(text)
    assert [(f.text, f.value, f.label, f.qualifier) for f in facts] == expected
    for f in facts:
        assert f.type == "number"
        assert text[f.start : f.end] == f.text


# (text, low, high) — the interval the statement allows.
INTERVALS = [
    ("2,500 troops", 2500, 2500),
    ("about 2,500 troops", 2250, 2750),
    ("nearly 300 people", 270, 300),
    ("over 85 targets", 85, math.inf),
    ("fewer than 500 homes", 0, 500),
    ("between 3 and 5 people", 3, 5),
    ("hundreds of people", 100, 999),
    ("tens of thousands of people", 10_000, 99_999),
    ("24 hours", 24, 24),
]


@pytest.mark.parametrize(("text", "low", "high"), INTERVALS)
def test_number_interval(text: str, low: float, high: float) -> None:
    (fact,) = extract_numbers(text)
    assert fact.low == pytest.approx(low)
    assert fact.high == pytest.approx(high)


def test_approx_matches_exact_interval() -> None:
    exact, approx = extract_numbers("2,500 troops")[0], extract_numbers("approximately 2,500 troops")[0]
    assert exact.value == approx.value
    assert approx.low <= exact.low <= exact.high <= approx.high


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_raises_and_offsets_hold(text: str) -> None:
    for f in extract_numbers(text):
        assert text[f.start : f.end] == f.text
        assert f.low is None or f.high is None or f.low <= f.high


_ALPHABET = st.sampled_from(
    ["2,500", "6.8", "about", "over", " ", "-", "to", "and", "between", "three", "million", "$", "%", "troops",
     "U.S.", "in", "2014", "January", "27", ",", ".", "one", "of", "hundreds", "a", "third", "killed", ":", "23"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=14).map(" ".join))
def test_number_like_text_offsets_hold(text: str) -> None:
    for f in extract_numbers(text):
        assert text[f.start : f.end] == f.text
        float(f.value.split("-")[0])  # value is numeric (a range is LOW-HIGH)


@pytest.mark.parametrize("n", [0, 7, 42, 2500, 12345, 1_000_000, 27_500_000_000])
def test_number_round_trip(n: int) -> None:
    for text in (f"{n} people", f"{n:,} people"):
        (fact,) = extract_numbers(text)
        assert fact.value == str(n)
        assert fact.low == fact.high == n


@pytest.mark.parametrize(
    "text", ["1" * 20000, "1," * 5000, "million " * 3000, "one-" * 5000, "+1 " * 3000, "9." * 5000]
)
def test_pathological_input(text: str) -> None:
    for f in extract_numbers(text):
        assert text[f.start : f.end] == f.text
