"""The shortcuts taken for speed give exactly what the long way gives (issue 14)."""

from __future__ import annotations

import itertools
import json
from dataclasses import asdict, replace

from factcheck.events import EVENTS, EventSettings, compatible_events, compatible_when, days, weekdays, when, years
from factcheck.model import Claim, Fact, FactType
from factcheck.pipeline import fold_facts, folded_offsets
from factcheck.segment import fold
from factcheck.stored_facts import fact_row


def _slow_fold(sentence: str, facts: tuple[Fact, ...]) -> tuple[Fact, ...]:
    where, folded = folded_offsets(sentence), fold(sentence)
    return tuple(replace(f, start=where[f.start], end=where[f.end], text=folded[where[f.start] : where[f.end]])
                 for f in facts)  # fmt: skip


def test_fold_facts_keeps_offsets_of_unfolded_text_and_moves_them_in_folded_text() -> None:
    for sentence in ("About 2,500 troops left on Monday.", "  About 2,500\ttroops  left\non Monday. "):
        start = sentence.index("2,500")
        facts = (Fact(FactType.NUMBER, "2,500 troops", "2500", "troop", None, start, start + len("2,500\ttroops")),)
        assert fold_facts(sentence, facts) == _slow_fold(sentence, facts)
    moved = fold_facts("  About 2,500\ttroops", (Fact("number", "2,500\ttroops", "2500", None, None, 8, 20),))
    assert (moved[0].start, moved[0].text) == (6, "2,500 troops")


def test_cached_fact_rows_are_the_json_of_asdict() -> None:
    facts = [
        Fact(FactType.NUMBER, "about 40", "40", "people", "approx", 3, 11, 36.0, 44.0),
        Fact(FactType.ENTITY, "Fuad Hussein", "fuad hussein", "PERSON"),
        Fact("polarity", "denied", "deny", "cut", "subject=firm", 9, 15),
    ]
    assert [json.dumps(fact_row(f)) for f in facts] == [json.dumps(asdict(f)) for f in facts]
    assert [Fact(**json.loads(json.dumps(fact_row(f)))) for f in facts] == facts


def _claim_test(a: Claim, b: Claim, sim: float, s: EventSettings = EVENTS) -> bool:
    """The same-event test as it read the claims before `when` (years, then weekdays, then days)."""
    ya, yb, wa, wb, da, db = years(a), years(b), weekdays(a), weekdays(b), days(a), days(b)
    if ya and yb and not ya & yb and sim < s.other_year:
        return False
    if wa and wb and not wa & wb and sim < s.other_weekday:
        return False
    return sim >= s.other_day or not da or not db or bool(da & db)


def _claim(n: int, text: str, *facts: Fact) -> Claim:
    return Claim(f"d{n}:1", f"d{n}", text, 1, 0, len(text), facts)


def test_event_test_on_read_once_dates_equals_the_claim_test() -> None:
    y2019 = Fact(FactType.DATE, "2019", "2019", "year")
    y2020 = Fact(FactType.DATE, "2020", "2020", "year")
    day = Fact(FactType.DATE, "March 3, 2020", "2020-03-03", "day")
    other = Fact(FactType.DATE, "March 9, 2020", "2020-03-09", "day")
    claims = [
        _claim(1, "The plant closed in 2019.", y2019),
        _claim(2, "The plant closed in 2020 on Saturday.", y2020),
        _claim(3, "The plant closed on March 3, 2020, a Tuesday.", day),
        _claim(4, "The plant closed on March 9, 2020.", other),
        _claim(5, "The plant closed on Thursday."),
    ]
    for a, b in itertools.product(claims, repeat=2):
        for sim in (0.5, 0.85, 0.95):
            for s in (EVENTS, EventSettings(other_weekday=0.0)):
                assert (
                    compatible_when(when(a), when(b), sim, s)
                    == compatible_events(a, b, sim, s)
                    == _claim_test(a, b, sim, s)
                )
    assert not compatible_events(claims[0], claims[1], 0.5) and not compatible_events(claims[1], claims[4], 0.5)


def test_compare_same_event_test_reads_each_claims_dates_once_and_answers_as_the_claim_test() -> None:
    import numpy as np

    from factcheck.compare import CompareSettings, Context
    from factcheck.events import same_story

    claims = [
        _claim(1, "The plant closed in 2019.", Fact(FactType.DATE, "2019", "2019", "year")),
        _claim(2, "The plant closed in 2020 on Saturday.", Fact(FactType.DATE, "2020", "2020", "year")),
        _claim(3, "The plant closed on March 3, 2020.", Fact(FactType.DATE, "March 3, 2020", "2020-03-03", "day")),
        _claim(4, "The plant closed on Thursday."),
    ]
    ctx = Context([], claims, np.eye(4, dtype=np.float32), CompareSettings())
    for a, b in itertools.product(claims, repeat=2):
        for sim in (0.5, 0.85, 0.95):
            want = compatible_events(a, b, sim) and same_story(weekdays(a), weekdays(b))
            assert ctx.one_event(a, b, sim) == want
    assert all(ctx.when(c) is ctx.when(c) and ctx.when(c) == when(c) for c in claims)


def test_linker_figures_read_once_give_the_anchors_and_slots_a_claim_states() -> None:
    from factcheck.links import anchors, figures, measured

    text = "Turnout was 67% and the party won 54% of the vote in the first round on March 3, 2020."
    facts = (
        Fact(FactType.NUMBER, "67%", "67", "percent", None, 12, 15),
        Fact(FactType.NUMBER, "54%", "54", "percent", None, 34, 37),
        Fact(FactType.NUMBER, "1", "1", None, None, 0, 0),
        Fact(FactType.DATE, "March 3, 2020", "2020-03-03", "day", None, 71, 84),
    )
    claim = Claim("d1:1", "d1", text, 1, 0, len(text), facts)
    read = figures(claim)
    assert [f for f, _ in read] == [f for f in facts if f.type == FactType.NUMBER]
    # what the per-call reading gave before the figures were read once
    assert anchors(claim, read) == {"n:67:percent", "n:54:percent", "d:2020-03-03"}
    assert measured(read) == ({"turnout", "vote"}, {"first"})
