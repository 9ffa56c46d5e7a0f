"""Every input type gives a claim its line in the input file (and its record), and page clutter is never silent."""

from __future__ import annotations

import csv
import json

import pytest

from factcheck.cache import Cache
from factcheck.ingest import load_documents
from factcheck.ingest.chrome import chrome_reason
from factcheck.ingest.clean import clean_page
from factcheck.pipeline import build_claims

S1 = "The interior ministry said on Saturday that 1,037 people had died in the earthquake."
S2 = "Rescue teams reached the village of Ighil late on Sunday, officials said."
S3 = "Morocco's geophysics institute recorded a magnitude of 7.0 for the main shock."


def _claims(folder) -> dict[str, tuple]:
    """Claim text -> (file line, document) for every claim of the documents in `folder`."""
    docs = {d.id: d for d in load_documents([str(folder)])}
    return {c.text: (c.line, docs[c.doc]) for c in build_claims(list(docs.values()), Cache(None))}


def _line_of(path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if needle in line)


def test_csv_claims_sit_on_the_file_lines_of_their_multi_line_field(tmp_path):
    path = tmp_path / "daily.csv"
    notes = "a note\nover two lines"
    rows = [["title", "notes", "text"], ["One", notes, f"{S1}\n\n{S2}"], ["Two", "", S3]]
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    found = _claims(tmp_path)
    for sentence in (S1, S2, S3):
        assert found[sentence][0] == _line_of(path, sentence), sentence
    assert found[S2][1].locator == "row 2, column 'text'" and found[S3][1].locator == "row 3, column 'text'"


def test_json_claims_point_at_their_record_and_field(tmp_path):
    path = tmp_path / "agency.json"
    records = [{"title": "First", "text": f"{S1}\n\n{S2}"}, {"id": "late", "title": "Second", "text": S3}]
    path.write_text(json.dumps(records, indent=2), encoding="utf-8")
    found = _claims(tmp_path)
    assert found[S1][0] == found[S2][0] == _line_of(path, S1[:30])
    assert found[S3][0] == _line_of(path, S3[:30]) > found[S1][0]
    assert found[S1][1].locator == "record 1, field 'text'"
    assert found[S3][1].locator == "record 2 (id 'late'), field 'text'"


def test_jsonl_claims_say_their_record_line(tmp_path):
    path = tmp_path / "live.jsonl"
    path.write_text("\n".join(json.dumps({"text": t}) for t in (S1, f"{S2}\n{S3}")) + "\n", encoding="utf-8")
    found = _claims(tmp_path)
    assert [found[s][0] for s in (S1, S2, S3)] == [1, 2, 2]
    assert found[S2][1].locator == "record on line 2, field 'text'"


def test_html_claims_point_at_the_markup_line_of_their_paragraph(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<!DOCTYPE html>\n<html><head><title>Quake</title></head>\n<body>\n<nav><a href='/'>Home</a></nav>\n"
        f"<article>\n<h1>Quake toll rises</h1>\n<p>{S1}</p>\n\n<p>{S2.replace('Ighil', '<b>Ighil</b>')}</p>\n"
        f"<p>{S3.replace(chr(39), '&rsquo;')}</p>\n</article>\n</body></html>\n",
        encoding="utf-8",
    )
    found = _claims(tmp_path)
    assert found[S1][0] == _line_of(path, S1)
    assert found[S2][0] == _line_of(path, "Rescue teams")
    assert found[S3][0] == _line_of(path, "geophysics")


def test_plain_text_lines_are_the_file_lines(tmp_path):
    path = tmp_path / "wire.txt"
    path.write_text(f"Quake toll rises\n\n{S1}\n{S2}\n\n\n{S3}\n", encoding="utf-8")
    found = _claims(tmp_path)
    assert [found[s][0] for s in (S1, S2, S3)] == [3, 4, 7]
    assert found[S1][1].locator is None


FLOOD = [
    "Home Secretary Yvette Cooper said 41 people had died in the floods.",
    "The agency's weekly newsletter said 1,200 homes were destroyed.",
    "Trending upward, the death toll rose to 52.",
    "The insurer changed its privacy policy in 2019 after regulators in Brussels objected.",
    "Analysts at Barclays share this view, the report said.",
]


@pytest.mark.parametrize("sentence", FLOOD)
def test_article_sentences_with_menu_words_are_kept(sentence):
    page = f"Home\nTrending\n\nFloods in the valley\n\n{sentence}\n\nSign up for our newsletter\n"
    cleaned = clean_page(page)
    assert [page[s:e] for s, e in cleaned.body] == [sentence]


@pytest.mark.parametrize(
    "line",
    [
        "Home",
        "Trending",
        "Subscribe to our newsletter for the latest news.",
        "Sign up for the Flood Watch newsletter.",
        "Receive all the international news directly in your inbox",
        "I subscribe",
        "Politics  |  Economy  |  Culture  |  Sport",
        "Read more",
        "Follow us on Twitter for updates from 12 cities.",
        "Privacy policy",
        "Share this article",
        "Please disable your ad blocker to read 1 more story.",
        "© 2023 North Africa Desk. All rights reserved.",
        "Your email address will not be published. Required fields are marked *",
    ],
)
def test_page_furniture_is_still_dropped_with_its_reason(line):
    assert (chrome_reason(line) or "").startswith("page furniture")


def test_every_dropped_line_is_listed_with_a_reason():
    page = (
        f"NEWS DESK\nHome | World | Sport\n\n9 September 2023\n\n{FLOOD[0]}\n\nAdvertisement\n\nRelated\nOther story\n"
    )
    dropped = dict(clean_page(page).dropped)
    lines = page.split("\n")
    assert {lines[n - 1]: reason.split(":")[0] for n, reason in dropped.items()} == {
        "NEWS DESK": "not prose",
        "Home | World | Sport": "page furniture",
        "9 September 2023": "date line",
        "Advertisement": "page furniture",
        "Related": "after the article",
        "Other story": "after the article",
    }


def test_the_ad_block_pattern_does_not_eat_had_blocked():
    assert chrome_reason("Landslides had blocked mountain roads to 40 villages, the army said.") is None
