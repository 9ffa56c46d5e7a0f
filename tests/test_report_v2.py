"""Report v2, rendered as a reviewer sees it: names and links, full evidence, escaping, value tables, tidy CSV."""

from __future__ import annotations

import csv
import io
import json

import pytest

from factcheck import frames
from factcheck.render import Format, render
from factcheck.render.csv import COLUMNS

from .report_kit import Tags, claim, conflict, doc, fact, markdown_html, report

HOSTILE_TITLE = (
    'Toll | rises\n# Injected heading <script>alert("x")</script> [click](javascript:alert(1)) *bold* `code`'
)
HOSTILE_PATH = "docs/odd`name|#1 (copy).txt"
A = "The interior ministry said 1,037 people had died."
B = "The interior ministry said 1,305 people had died."


def _two_sources(title_a: str | None = None, path_a: str | None = None):
    a = doc("a", ["Intro line that is not a claim.", A], path=path_a, title=title_a)
    b = doc("b", [B], title="Regional daily")
    ca = claim(a, 1, (fact(A, "1,037 people", "1037"),))
    cb = claim(b, 0, (fact(B, "1,305 people", "1305"),))
    return report([a, b], [ca, cb], [conflict([ca, cb], ["1037", "1305"])])


def test_markdown_names_documents_by_title_and_links_file_and_line():
    md = render(_two_sources(title_a="Morocco quake: death toll rises"), "md", links_from="reports")
    assert "*Morocco quake: death toll rises* · [a.txt:3](../docs/a.txt#L3)" in md
    assert "| D1    | Morocco quake: death toll rises" in md
    assert "[a.txt](../docs/a.txt)" in md  # the Documents table links the file
    assert "*b.txt*" not in md and "*Regional daily*" in md


def test_a_document_without_title_is_named_by_its_file_name():
    md = render(_two_sources(), "md")
    assert "*a.txt* · [a.txt:3](docs/a.txt#L3)" in md


def test_conflict_shows_full_sentences_with_the_values_marked_and_a_value_table():
    md = render(_two_sources(), "md")
    assert "### 1. Number: 1,037 people vs 1,305 people (high)" in md
    assert "The interior ministry said **1,037 people** had died." in md
    assert "The interior ministry said **1,305 people** had died." in md
    html = markdown_html(md)
    assert "<td>1,037 people</td>" in html and "<td>1 source</td>" in html


def test_hostile_title_and_file_name_stay_literal_and_well_formed_in_markdown():
    md = render(_two_sources(HOSTILE_TITLE, HOSTILE_PATH), "md")
    page = Tags(markdown_html(md))
    assert not page.named("script")
    assert all("javascript" not in (a.get("href") or "") for a in page.named("a"))
    headings = [t for t, _ in page.tags if t in ("h1", "h2")]
    assert headings.count("h1") == 1, "a newline in a title must not start a heading"
    for table in page.tables:
        assert len(set(table)) == 1, f"a '|' in document text broke a table row: {table}"
    flat = " ".join(HOSTILE_TITLE.split())
    assert flat in page.all_text, "the title is shown literally"
    assert "odd`name|#1 (copy).txt:3" in page.all_text
    link = next(a["href"] for a in page.named("a") if "odd" in (a.get("href") or ""))
    assert link == "docs/odd%60name%7C%231%20%28copy%29.txt#L3"


def test_hostile_title_and_file_name_stay_literal_and_well_formed_in_html():
    page = Tags(render(_two_sources(HOSTILE_TITLE, HOSTILE_PATH), "html"))
    assert not page.named("script") and not page.named("h3")
    assert all("javascript" not in (a.get("href") or "") for a in page.named("a"))
    assert " ".join(HOSTILE_TITLE.split()) in page.all_text
    assert "odd`name|#1 (copy).txt:3" in page.all_text
    matrix = next(t for t in page.tables if len(t) == 2 and t[0] == 3)  # header: Fact, D1, D2
    assert matrix == [3, 3]


def test_html_is_one_self_contained_page_with_matrix_and_collapsible_evidence():
    html = render(_two_sources(), "html")
    page = Tags(html)
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    assert not page.named("script") and not page.named("link") and not page.named("img")
    assert "http" not in html, "no network resources"
    assert [d.get("id") for d in page.named("details")][:1] == ["f1"]
    matrix = next(a for a in page.named("table") if a.get("class") == "matrix")
    assert matrix is not None
    cells = [a.get("class") for a in page.named("td")]
    assert "side0" in cells and "side1" in cells, "each source's value is colour-coded by side"
    assert page.named("mark"), "the differing values are marked"


def test_quote_conflict_shows_the_whole_quotes_and_bolds_the_words_that_differ():
    qa = 'The minister said that "Iraq is not a battleground for settling scores between conflicting countries."'
    qb = 'Hussein insisted that "Iraq is not an arena for settling scores between rival countries."'
    a, b = doc("a", [qa]), doc("b", [qb])
    va = "iraq is not a battleground for settling scores between conflicting countries"
    vb = "iraq is not an arena for settling scores between rival countries"
    ca = claim(a, 0, (fact(qa, qa[qa.index('"') :], va, "quote"),))
    cb = claim(b, 0, (fact(qb, qb[qb.index('"') :], vb, "quote"),))
    md = render(report([a, b], [ca, cb], [conflict([ca, cb], [va, vb], "quote")]), "md")
    assert '"Iraq is not **a battleground** for settling scores between **conflicting** countries."' in md
    assert '"Iraq is not **an arena** for settling scores between **rival** countries."' in md
    assert "…" not in md, "nothing that differs is cut"
    assert "### 1. Quote: one quotation, worded differently (high)" in md


def test_headings_keep_their_case_and_length():
    long_value = "Mohammed Shia al-Sudani of the Coordination Framework and the State of Law Coalition"
    a, b = doc("a", [f"The leader {long_value} spoke."]), doc("b", [f"The leader {long_value}s spoke."])
    sa, sb = a.text, b.text
    ca = claim(a, 0, (fact(sa, long_value, long_value, "entity"),))
    cb = claim(b, 0, (fact(sb, long_value + "s", long_value + "s", "entity"),))
    md = render(report([a, b], [ca, cb], [conflict([ca, cb], [long_value, long_value + "s"], "entity")]), "md")
    assert f"### 1. Entity: {long_value} vs {long_value}s (high)" in md


def _many(n_sources: int, n_findings: int):
    docs = [doc(f"s{i:02d}", [f"Officials said {100 + i} people had died."]) for i in range(n_sources)]
    claims = [claim(d, 0, (fact(d.text, f"{100 + i} people", str(100 + i)),)) for i, d in enumerate(docs)]
    found = [conflict([claims[k % n_sources], claims[(k + 1) % n_sources]],
                      [str(100 + k % n_sources), str(100 + (k + 1) % n_sources)], n=k) for k in range(n_findings)]  # fmt: skip
    return report(docs, claims, found)


def test_numbered_findings_past_nine_keep_their_evidence_under_them():
    html = markdown_html(render(_many(4, 12), "md"))
    page = Tags(html)
    assert [t for t, _ in page.tags].count("h3") == 12
    assert "<h3>10. Number:" in html and "<h3>12. Number:" in html
    assert "<pre>" not in html and "<code>|" not in html, "no table falls out of a list into a code block"


def test_agreement_grid_stays_narrow_at_twenty_sources_and_becomes_a_list_beyond():
    md = render(_many(20, 20), "md")
    grid = md[md.index("## Source agreement") : md.index("## Page clutter")]
    rows = [line for line in grid.splitlines() if line.startswith("|")]
    assert rows[0].split("|")[2].strip() == "D1" and "D20" in rows[0]
    assert max(len(r) for r in rows) <= 200, "twenty narrow key columns"
    wide = render(_many(21, 21), "md")
    assert "21 sources: the" in wide and "| D1 s00.txt" in wide.replace("  ", " ")


def test_csv_has_one_value_per_cell_and_one_row_per_finding_and_claim():
    rep = _many(3, 3)
    rows = list(csv.reader(io.StringIO(render(rep, "csv"))))
    assert tuple(rows[0]) == COLUMNS
    body = [dict(zip(COLUMNS, r)) for r in rows[1:]]
    assert all(len(r) == len(COLUMNS) for r in rows)
    assert len(body) == sum(len(f.claims) for f in rep.findings)
    assert {(r["finding"], r["claim"]) for r in body} == {(f.id, c) for f in rep.findings for c in f.claims}
    assert {r["value"] for r in body} == {"100", "101", "102"} and {r["stated"] for r in body} >= {"100 people"}


def test_frames_hold_the_csv_rows_and_typed_lines():
    rep = _two_sources()
    tables = frames(rep)
    assert set(tables) == {"claims", "facts", "findings"}
    assert list(tables["findings"].columns) == list(COLUMNS)
    assert tables["findings"]["line"].tolist() == [3, 1]
    assert len(tables["facts"]) == 2 and tables["claims"]["doc"].tolist() == ["a", "b"]


def test_json_extends_the_contract_with_names_locators_removed_lines_and_stated_values():
    rep = _two_sources(title_a="Agency report")
    data = json.loads(render(rep, "json"))
    assert data["schema"] == "factcheck.report/2"
    first = data["documents"][0]
    assert first["name"] == "Agency report" and first["removed"] == {"lines": 0, "by_reason": {}, "examples": []}
    assert data["findings"][0]["stated"] == ["1,037 people", "1,305 people"]
    assert data["claims"][0]["locator"] is None


@pytest.mark.parametrize("fmt", list(Format))
def test_every_format_renders_a_hostile_report_without_raising(fmt):
    assert render(_two_sources(HOSTILE_TITLE, HOSTILE_PATH), fmt)
