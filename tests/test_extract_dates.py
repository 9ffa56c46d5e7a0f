"""Table tests for date extraction: absolute and relative dates, granularity, and false-hit guards."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.extract.dates import extract_dates

PUB = dt.date(2024, 2, 8)  # a Thursday

# (text, published, [(surface text, value, granularity, qualifier), ...])
CASES = [
    ("The ministry announced yesterday that", PUB, [("yesterday", "2024-02-07", "day", "relative")]),
    ("talks resumed today", PUB, [("today", "2024-02-08", "day", "relative")]),
    ("the day before yesterday", PUB, [("the day before yesterday", "2024-02-06", "day", "relative")]),
    ("This communication occurred on Tuesday", PUB, [("Tuesday", "2024-02-06", "day", "relative")]),
    ("It happened on Thursday", PUB, [("Thursday", "2024-02-08", "day", "relative")]),
    ("It happened last Thursday", PUB, [("last Thursday", "2024-02-01", "day", "relative")]),
    ("They meet next Friday", PUB, [("next Friday", "2024-02-09", "day", "relative")]),
    ("This communication occurred on Tuesday", None, [("Tuesday", "weekday:tuesday", "weekday", "relative")]),
    ("airstrikes late on Friday against", PUB, [("late on Friday", "2024-02-02", "day", "relative")]),
    ("last month", PUB, [("last month", "2024-01", "month", "relative")]),
    ("last month", dt.date(2024, 1, 15), [("last month", "2023-12", "month", "relative")]),
    ("last week", PUB, [("last week", "2024-W05", "week", "relative")]),
    ("last year", PUB, [("last year", "2023", "year", "relative")]),
    ("earlier this month", PUB, [("earlier this month", "2024-02", "month", "relative")]),
    ("last month", None, [("last month", "relative:last month", "month", "relative")]),
    ("Negotiations began in January, but", PUB, [("January", "2024-01", "month", "relative")]),
    ("In July, the U.S. restricted 14 Iraqi banks", PUB, [("July", "2023-07", "month", "relative")]),
    ("Negotiations began in January", None, [("January", "--01", "month", "relative")]),
    ("in mid-January", PUB, [("mid-January", "2024-01", "month", "relative")]),
    ("the talks in May 2023", PUB, [("May 2023", "2023-05", "month", "absolute")]),
    ("on Saturday January 27 in Baghdad", PUB, [("Saturday January 27", "2024-01-27", "day", "relative")]),
    ("on January 27", None, [("January 27", "--01-27", "day", "relative")]),
    ("in Baghdad, January 27, 2024. AFP", PUB, [("January 27, 2024", "2024-01-27", "day", "absolute")]),
    ("Published 27 January 2024", None, [("27 January 2024", "2024-01-27", "day", "absolute")]),
    ("on Jan. 27 they met", PUB, [("Jan. 27", "2024-01-27", "day", "relative")]),
    ("on Sept. 8, 2023", PUB, [("Sept. 8, 2023", "2023-09-08", "day", "absolute")]),
    ("on 8 September 2023", PUB, [("8 September 2023", "2023-09-08", "day", "absolute")]),
    ("Sunday, September 1, 2024", None, [("Sunday, September 1, 2024", "2024-09-01", "day", "absolute")]),
    ("clarification from Al-Alaq, 18 SEPT", PUB, [("18 SEPT", "2023-09-18", "day", "relative")]),
    ("on 2024-01-27", None, [("2024-01-27", "2024-01-27", "day", "absolute")]),
    ("their mandate opened in 2014 to fight", PUB, [("2014", "2014", "year", "absolute")]),
    ("since 2019", None, [("2019", "2019", "year", "absolute")]),
    ("The quake struck at 23:11 local time", PUB, [("23:11", "23:11", "time", "absolute")]),
    ("It struck at 11:11 pm", PUB, [("11:11 pm", "23:11", "time", "absolute")]),
    ("It struck at 3 a.m.", PUB, [("3 a.m.", "03:00", "time", "absolute")]),
    ("three days ago", PUB, [("three days ago", "2024-02-05", "day", "relative")]),
    ("two weeks ago", PUB, [("two weeks ago", "2024-01-25", "day", "relative")]),
    # false hits
    ("It may rain.", PUB, []),
    ("May I ask a question?", PUB, []),
    ("Thousands joined the March on Washington.", PUB, []),
    ("We may march again.", PUB, []),
    ("The second round of talks", PUB, []),
    ("The United States has 2,500 troops", PUB, []),
    ("2000 troops were deployed", PUB, []),
    ("three American soldiers", PUB, []),
    ("on February 30", None, []),
]


@pytest.mark.parametrize(("text", "published", "expected"), CASES, ids=[f"{c[0][:40]}|{c[1]}" for c in CASES])
def test_extract_dates(text: str, published: dt.date | None, expected: list[tuple[str, str, str, str]]) -> None:
    facts = extract_dates(text, published)
    assert [(f.text, f.value, f.label, f.qualifier) for f in facts] == expected
    for f in facts:
        assert f.type == "date"
        assert text[f.start : f.end] == f.text


def test_weekday_resolves_on_or_before_publication() -> None:
    for offset in range(7):
        pub = PUB + dt.timedelta(days=offset)
        (fact,) = extract_dates("on Tuesday", pub)
        day = dt.date.fromisoformat(fact.value)
        assert day.weekday() == 1
        assert 0 <= (pub - day).days < 7


@settings(max_examples=300, deadline=None)
@given(st.text(), st.one_of(st.none(), st.dates(dt.date(1950, 1, 1), dt.date(2090, 12, 31))))
def test_never_raises_and_offsets_hold(text: str, published: dt.date | None) -> None:
    for f in extract_dates(text, published):
        assert text[f.start : f.end] == f.text
        assert f.label in ("day", "week", "month", "year", "weekday", "time")


@settings(max_examples=200, deadline=None)
@given(st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31)))
def test_absolute_date_round_trip(day: dt.date) -> None:
    for text in (f"on {day:%B} {day.day}, {day.year}", f"on {day.day} {day:%B} {day.year}", f"on {day.isoformat()}"):
        facts = extract_dates(text, None)
        assert [f.value for f in facts] == [day.isoformat()], text


@pytest.mark.parametrize("text", ["1" * 20000, "January " * 3000, "12 May " * 2000, "1:" * 10000, "Monday " * 3000])
def test_pathological_input(text: str) -> None:
    for f in extract_dates(text, PUB):
        assert text[f.start : f.end] == f.text
