"""Clutter found by repetition across a run's documents and by line shape; reportage is never dropped."""

from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path

import pytest

from factcheck.ingest import load_documents
from factcheck.ingest.chrome import chrome_reason
from factcheck.ingest.clean import clean_page
from factcheck.ingest.repeats import chrome_lines, drop_repeated_chrome

# a blurb that reads as reportage: no word list would call it furniture, only the other pages of the site can
BLURB = "The Kessel Courier has reported on the valley since 1921 from its office in Dornbach."
HEADER = "KESSEL COURIER\nNews  |  Weather  |  Sport  |  Notices\n\n"
FOOTER = f"\nAbout us\n{BLURB}\nContact\n"

STORIES = {
    "dam": ["Engineers said the Harlow Dam spillway was repaired on Tuesday.", "The repair cost 2.1 million euros."],
    "school": ["The Dornbach school reopened after 12 days.", "Pupils returned to 14 classrooms on Monday."],
    "bridge": ["The Wendel bridge will close for 3 weeks in May.", "Drivers must use the ring road, police said."],
}
WIRE = [  # one agency story that two papers print
    "The regional government said 6,100 people had been evacuated from the Kessel valley.",
    "Governor Katharina Novak said the army would stay until the water had gone down.",
    "Insurers put the damage at 180 million euros, most of it to homes.",
]


def _site_page(story: list[str]) -> str:
    return HEADER + "\n\n".join(story) + "\n" + FOOTER


def _write(folder: Path, pages: dict[str, str]) -> list[str]:
    for name, text in pages.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return [str(folder / f"{name}.txt") for name in pages]


def _kept(doc) -> list[str]:
    return [doc.text[s:e] for s, e in doc.body]


def test_a_blurb_repeated_on_every_page_of_a_site_is_chrome(tmp_path):
    docs = load_documents(_write(tmp_path, {k: _site_page(v) for k, v in STORIES.items()}))
    for d in docs:
        assert _kept(d) == STORIES[d.id]
        lines = d.text.split("\n")
        reasons = {lines[n - 1]: why for n, why in d.dropped}
        assert reasons[BLURB] == "page chrome: the same line is in 3 documents of the run"


def test_the_same_blurb_on_one_page_alone_is_kept(tmp_path):
    (doc,) = load_documents(_write(tmp_path, {"dam": _site_page(STORIES["dam"])}))
    assert BLURB in _kept(doc)


def test_wire_copy_shared_by_two_papers_is_article_text(tmp_path):
    first = "VALLEY POST\nHome | Local | Sport\n\n" + "\n\n".join(WIRE) + "\n\nAbout us\n"
    second = (
        "KESSEL RADIO\nListen | News | Weather\n\n"
        + "\n\n".join(WIRE[:2] + ["Schools in Dornbach stay closed until Monday."])
        + "\n"
    )
    docs = load_documents(_write(tmp_path, {"post": first, "radio": second}))
    assert [_kept(d) for d in docs] == [WIRE, WIRE[:2] + ["Schools in Dornbach stay closed until Monday."]]


def test_a_shared_quote_at_the_end_of_two_reports_is_kept(tmp_path):
    quote = ["\"It's tough.", 'We want to get home," Anna Weber, 54, told reporters.']
    pages = {k: "\n".join(STORIES[k] + quote) + "\n" for k in ("dam", "school")}
    docs = load_documents(_write(tmp_path, pages))
    assert all(_kept(d)[-1] == quote[1] for d in docs)


def test_the_verdict_does_not_depend_on_document_order(tmp_path):
    pages = {k: _site_page(v) for k, v in STORIES.items()}
    pages["wire"] = HEADER + "\n\n".join(WIRE) + "\n" + FOOTER
    docs = [replace(d, dropped=()) for d in load_documents(_write(tmp_path, pages))]
    verdicts = {tuple(sorted(chrome_lines(list(order)).items())) for order in itertools.permutations(docs)}
    assert len(verdicts) == 1
    forward = drop_repeated_chrome(docs)
    backward = drop_repeated_chrome(docs[::-1])[::-1]
    assert forward == backward


def test_loading_the_files_in_another_order_gives_the_same_documents(tmp_path):
    paths = _write(tmp_path, {k: _site_page(v) for k, v in STORIES.items()})
    assert load_documents(paths) == load_documents(paths[::-1])


def test_a_repeated_date_line_still_gives_the_date(tmp_path):
    pages = {k: HEADER + "Published 6 March 2025\n\n" + "\n\n".join(v) + "\n" + FOOTER for k, v in STORIES.items()}
    docs = load_documents(_write(tmp_path, pages))
    assert {(d.published, d.published_from) for d in docs} == {("2025-03-06", "date line")}


FLOOD = [
    "Home Secretary Yvette Cooper said 41 people had died in the floods.",
    "The agency's weekly newsletter said 1,200 homes were destroyed.",
    "Trending upward, the death toll rose to 52.",
    "Sponsored by the Red Cross, the appeal raised 3 million euros in a week.",
    "Tags on 40 buildings marked them as unsafe, the mayor of Dornbach said.",
]


@pytest.mark.parametrize("sentence", FLOOD)
def test_reportage_with_furniture_words_is_never_furniture(sentence):
    assert chrome_reason(sentence) is None
    page = f"Home\nTrending\n\nFloods in the valley\n\n{BODY_LEAD}\n\n{sentence}\n\nSign up for our newsletter\n"
    assert sentence in [page[s:e] for s, e in clean_page(page).body]


BODY_LEAD = "Rescue teams reached Ellweiler on Friday, the regional council said."


def test_reportage_after_a_related_box_resumes_the_article():
    page = f"{BODY_LEAD}\n\nRelated\nFerry fares to rise from June\n\n{FLOOD[0]}\n\nMost read\nOther story\n"
    kept = [page[s:e] for s, e in clean_page(page).body]
    assert kept == [BODY_LEAD, FLOOD[0]]


def test_reader_comments_stay_out_even_when_they_read_as_reportage():
    page = f"{BODY_LEAD}\n\nLeave a Reply\n\n{FLOOD[0]}\n"
    cleaned = clean_page(page)
    assert [page[s:e] for s, e in cleaned.body] == [BODY_LEAD]
    assert dict(cleaned.dropped)[5].startswith('after the article: "Leave a Reply"')


def test_a_teaser_cut_short_does_not_resume_the_article():
    teaser = "The Governor of the Central Bank, Ali Al-Alaq, announced on Wednesday that all 40 transfers w..."
    page = f"{BODY_LEAD}\n\nRead next\n{teaser}\n"
    assert [page[s:e] for s, e in clean_page(page).body] == [BODY_LEAD]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("http: / / www. example. com / news / 2013 / 09 / 14 / woman - killed", "a web address"),
        ("https://example.com/news/2013/09/14/woman-killed-in-queens-crash", "a web address"),
        ("Atlas Weekly  >  Africa  >  Morocco", "a breadcrumb trail"),
        ("Politics  |  Economy  |  Culture  |  Sport", "a menu bar"),
    ],
)
def test_furniture_known_by_its_shape(line, reason):
    assert chrome_reason(line) == f"page furniture: {reason}"


def test_a_copyright_notice_is_no_reportage():
    notice = "Copyright 2023 The Associated Press. All rights reserved. This material may not be published."
    assert chrome_reason(notice) is not None
