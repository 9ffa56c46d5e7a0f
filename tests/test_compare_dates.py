"""Date checker: two claims of one event that name different calendar days."""

from __future__ import annotations

from factcheck.compare.dates import calendar_day, dates_agree
from factcheck.model import Fact

from .compare_kit import at_angle, claim, fact, kinds, one_group, run, same


def _dated(doc: str, text: str, surface: str, value: str, qualifier: str = "absolute", label: str = "day") -> object:
    return claim(doc, 1, text, fact(text, surface, "date", value, label, qualifier=qualifier))


def test_two_calendar_days_for_one_event_conflict():
    claims = [
        _dated("a", "The summit opened on 3 March 2024.", "3 March 2024", "2024-03-03"),
        _dated("b", "The summit opened on 5 March 2024.", "5 March 2024", "2024-03-05"),
    ]
    (found,) = kinds(run(claims, same(2), one_group(claims)), "conflict", "date")
    assert found.values == ("2024-03-03", "2024-03-05") and found.severity == "high"
    assert "give different dates for the same event" in found.message and "'3 March 2024' (a line 1)" in found.message


def test_an_inferred_year_compares_month_and_day_only():
    claims = [
        _dated("a", "The summit opened on 3 March.", "3 March", "--03-03", "relative"),
        _dated("b", "The summit opened on 3 March 2023.", "3 March 2023", "2023-03-03"),
    ]
    assert not kinds(run(claims, same(2), one_group(claims)), "conflict")


def test_claims_below_the_date_gate_do_not_conflict():
    claims = [
        _dated("a", "The summit opened on 3 March 2024.", "3 March 2024", "2024-03-03"),
        _dated("b", "The summit opened on 5 March 2024.", "5 March 2024", "2024-03-05"),
    ]
    assert not kinds(run(claims, at_angle([1.0, 0.6]), one_group(claims)), "conflict")


def test_a_day_resolved_from_a_weekday_or_yesterday_is_not_a_calendar_day():
    assert not calendar_day(Fact("date", "on Tuesday", "2024-03-05", "day", "relative"))
    assert not calendar_day(Fact("date", "yesterday", "2024-03-04", "day", "relative"))
    assert calendar_day(Fact("date", "Jan. 27", "2024-01-27", "day", "relative"))
    assert not calendar_day(Fact("date", "March 2024", "2024-03", "month", "absolute"))


def test_containment_and_unplaced_dates_agree():
    month = Fact("date", "March 2024", "2024-03", "month", "absolute")
    day = Fact("date", "3 March 2024", "2024-03-03", "day", "absolute")
    other = Fact("date", "3 April 2024", "2024-04-03", "day", "absolute")
    weekday = Fact("date", "on Tuesday", "weekday:tuesday", "weekday", "relative")
    phrase = Fact("date", "3 days ago", "relative:3 days ago", "day", "relative")
    assert dates_agree(month, day) and dates_agree(day, month)
    assert not dates_agree(day, other)
    assert dates_agree(weekday, day) and dates_agree(phrase, other)
