"""Publication dates read from page headers the way people write them, and where each date came from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck.ingest import load_documents
from factcheck.ingest.clean import clean_page, parse_iso_date
from factcheck.ingest.dates import PLAIN, PUBLISHED, UPDATED, Frame, date_line, dateline, frame

ROOT = Path(__file__).resolve().parent.parent
SEEDS_GOLD = ROOT.parent / "shared" / "eval" / "seeds.gold.json"

BODY = "The regional council said 214 households had been moved to emergency shelters."

# (header lines above the article, a sentence the body adds or "", expected date, where it came from)
HEADERS = [
    ("Published 6 March 2025", "", "2025-03-06", "date line"),
    ("By Hala Mansour · 7 February 2024 · 5 min read", "", "2024-02-07", "date line"),
    ("Düsseldorf  |  Friday, 7 March 2025", "", "2025-03-07", "date line"),
    ("Posted on January 5, 2011 at 3:39 PM EDT", "", "2011-01-05", "date line"),
    ("Sat Nov 12 2011, 01:19 hrs", "", "2011-11-12", "date line"),
    ("8:05am UK, Monday 16 September 2013", "", "2013-09-16", "date line"),
    ("Thursday 7th March 2024 3:15 pm GMT", "", "2024-03-07", "date line"),
    ("Published: 09th June 2013", "", "2013-06-09", "date line"),
    ("*6 March 2025*", "", "2025-03-06", "date line"),
    ("_Posted 8 March 2011_", "", "2011-03-08", "date line"),
    ("2024-02-08T09:40:00+03:00", "", "2024-02-08", "date line"),
    ("Gulf Policy Notes, 9 February 2024", "", "2024-02-09", "date line"),
    ("Washington D.C., Jul. 13, 2009 / 02:00 pm (CNA)", "", "2009-07-13", "date line"),
    ("on Feb. 04, 2009", "", "2009-02-04", "date line"),
    # an "updated" stamp: the published date wins, on one line or on two, in either order
    ("Updated: 14 March 2024 | Published: 12 March 2024", "", "2024-03-12", "date line"),
    ("Published 12 March 2024\nLast updated 14 March 2024", "", "2024-03-12", "date line"),
    ("on April 30, 2008 at 4:31 AM, updated May 2, 2008 at 8:33 AM", "", "2008-04-30", "date line"),
    ("16 September 2013 Last updated at 12:42 GMT", "", "2013-09-16", "date line"),
    ("Last updated 13:26 14/09/2013", "", "2013-09-14", "date line"),  # the only date there is
    ("Saturday 9 September 2023  |  Last updated 14:20", "", "2023-09-09", "date line"),  # the stamp is a time
    # numeric dates: dots are day first; slashes follow the document
    ("07.02.2024", "", "2024-02-07", "date line"),
    ("Published on: 27/01/2024 - 17:45", "", "2024-01-27", "date line"),
    ("03/04/2024", "The ministry's own report of 25/03/2024 was withdrawn.", "2024-04-03", "date line"),
    ("03/04/2024", "The ministry's own report of 03/25/2024 was withdrawn.", "2024-03-04", "date line"),
    ("03/04/2024", "The report was first published on 1 March.", "2024-04-03", "date line"),
    ("03/04/2024", "The report was first published on March 1.", "2024-03-04", "date line"),
    ("Posted 8/2/13 at 1:30 PM ET", "Police said the driver was doing 70 mph.", "2013-08-02", "date line"),
    ("Updated 4/9/2007 6:04 PM", "", "2007-09-04", "date line"),  # nothing says US: day first
    # the page's own "today" date at the top of the chrome is not the article's
    (
        "Monday, March 3, 2025\nLEVANT WIRE\nHome | World | Sport\nSubscribe\nSearch\nSign in\nSkip\n"
        "Home > Middle East\nTalks stall\nBy Hala Mansour\nFebruary 7, 2024",
        "",
        "2024-02-07",
        "date line",
    ),
    # a byline set below the standfirst
    (
        "Officials in Dornbach said the talks would resume in May.\n\nBy Lena Hartmann, 16 Sep 2013",
        "",
        "2013-09-16",
        "date line",
    ),
    # a dateline opening the article, when the header gives no date
    ("Talks stall", "WASHINGTON, July 5 (Reuters) - Talks on the 2024 budget stalled.", "2024-07-05", "dateline"),
    ("Talks stall", "LONDON, 5 July 2023 (AP) — The talks stalled again on Friday.", "2023-07-05", "dateline"),
    ("Mumbai, Nov 11 -", "The navy said 26 pirates were held in 2011.", "2011-11-11", "dateline"),
    # no date: relative stamps, a date inside a sentence, a dateline with no year anywhere
    ("Posted 2 hours ago", "", None, None),
    ("Talks stall", "Talks began on 27 January 2024 in Baghdad, officials said.", None, None),
    ("Talks stall", "WASHINGTON, July 5 (Reuters) - Talks on the budget stalled.", None, None),
]


def _page(header: str, extra: str) -> str:
    body = f"{extra}\n\n{BODY}" if extra.startswith(("WASHINGTON", "LONDON")) else f"{BODY}\n\n{extra}"
    return f"Council shelters families\n\n{header}\n\n{body}\n"


@pytest.mark.parametrize(("header", "extra", "expected", "origin"), HEADERS)
def test_the_publication_date_is_read_from_the_header(header, extra, expected, origin):
    cleaned = clean_page(_page(header, extra))
    assert (cleaned.published, cleaned.published_from) == (expected, origin)


def test_the_table_covers_at_least_twenty_header_shapes():
    assert len({h for h, _, _, _ in HEADERS}) >= 20


def test_front_matter_beats_a_date_line():
    page = "---\ntitle: Notes\npublished: 2024-02-09\n---\n\nPublished 1 January 2024\n\n" + BODY
    cleaned = clean_page(page)
    assert (cleaned.published, cleaned.published_from) == ("2024-02-09", "front matter")


def test_a_date_line_is_dropped_from_the_article_with_its_reason():
    page = _page("By Hala Mansour · 7 February 2024 · 5 min read", "")
    lines = page.split("\n")
    reasons = {lines[n - 1]: why for n, why in clean_page(page).dropped}
    assert reasons["By Hala Mansour · 7 February 2024 · 5 min read"].startswith("date line")


@pytest.mark.parametrize(
    ("line", "labels"),
    [
        ("Published 12 March 2024 | Updated 14 March 2024", [PUBLISHED, UPDATED]),
        ("Last updated on: November 11, 2011 19:04 IST", [UPDATED]),
        ("12 March 2024, 16:30", [PLAIN]),
        ("First published on Sat 3 Feb 2024 09.00 GMT", [PUBLISHED]),
    ],
)
def test_each_date_on_a_line_carries_the_label_before_it(line, labels):
    assert [s.label for s in date_line(line)] == labels


@pytest.mark.parametrize(
    "line",
    [
        "The conference opened on 3 March 2025 and was held in Geneva.",
        "Reading time: 4 minutes",
        "May 2024 be a good year",
        "Is the decline in oil prices related to the exchange rate? Al-Alaq, 18 SEPT",
        "Ferry fares to rise by a tenth from 1 June 2024",
        "the decision on 5 March 2024",
    ],
)
def test_prose_headlines_and_stamps_are_not_date_lines(line):
    assert date_line(line) == ()


def test_the_day_month_order_is_decided_by_the_whole_document():
    assert frame("Figures from 13/02/2024 and 02/03/2024.").order == "DMY"
    assert frame("Figures from 02/13/2024 and 02/03/2024.").order == "MDY"
    assert frame("Held on 5 July, reported on 02/03/2024.").order == "DMY"
    assert frame("Held on July 5, reported on 02/03/2024.").order == "MDY"
    assert frame("A 10 a.m. briefing in Ohio on 02/03/2024.").order == "MDY"
    assert frame("Reported on 02/03/2024.").order == "DMY"


def test_a_dateline_takes_the_year_the_document_mentions_most():
    where = Frame("DMY", 2019)
    assert str(dateline("BAGHDAD, Jan. 27 (AFP) - Talks opened.", where)) == "2019-01-27"
    assert dateline("Talks opened in Baghdad, officials said.", where) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-09-09T21:40:00+01:00", "2023-09-09"),
        ("September 9, 2023", "2023-09-09"),
        ("Sat, 9 Sep 2023 08:00:00 GMT", "2023-09-09"),
        ("not a date", None),
        ("2023-02-30", None),
    ],
)
def test_metadata_dates_are_normalised(value, expected):
    assert parse_iso_date(value) == expected


def test_html_metadata_json_fields_and_text_each_name_their_source(tmp_path):
    (tmp_path / "meta.html").write_text(
        '<html><head><meta property="article:published_time" content="2024-02-08T09:40:00+03:00">'
        f"<title>Shelters</title></head><body><article><h1>Shelters</h1><p>{BODY}</p>"
        f"<p>{BODY.replace('214', '215')}</p></article></body></html>",
        encoding="utf-8",
    )
    (tmp_path / "record.json").write_text(json.dumps({"published": "2024-02-10", "text": BODY}), encoding="utf-8")
    (tmp_path / "plain.txt").write_text(_page("Published 6 March 2025", ""), encoding="utf-8")
    (tmp_path / "undated.txt").write_text(BODY + "\n", encoding="utf-8")
    found = {d.id: (d.published, d.published_from) for d in load_documents([str(tmp_path)])}
    assert found == {
        "meta": ("2024-02-08", "html metadata"),
        "record": ("2024-02-10", "record field"),
        "plain": ("2025-03-06", "date line"),
        "undated": (None, None),
    }


def _gold_sets() -> list[tuple[Path, Path]]:
    sets = [(g, g.parent / "docs") for g in sorted((ROOT / "fixtures").glob("*/gold.json"))]
    return sets + ([(SEEDS_GOLD, SEEDS_GOLD.parent.parent / "seeds")] if SEEDS_GOLD.is_file() else [])


@pytest.mark.parametrize(("gold", "docs"), _gold_sets(), ids=lambda p: p.parent.name if p.name == "gold.json" else "")
def test_every_gold_document_gets_its_publication_date(gold, docs):
    expected = json.loads(gold.read_text(encoding="utf-8"))["published"]
    found = {d.id: d.published for d in load_documents([str(docs)])}
    assert {d: found.get(d) for d in expected} == expected
