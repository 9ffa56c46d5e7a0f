"""Links from a report to its documents: relative to the report's folder, whatever the working folder was."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.render.escape import link_target, md_link


def test_a_link_is_relative_to_the_report_folder_from_each_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = tmp_path / "docs" / "a b.txt"  # absolute; the report folder below is relative to the working folder
    (tmp_path / "one" / "reports").mkdir(parents=True)
    (tmp_path / "two" / "deep").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "one")
    assert link_target(str(doc), 12, "reports") == "../../docs/a%20b.txt#L12"
    monkeypatch.chdir(tmp_path / "two" / "deep")  # the same arguments now mean another folder
    assert link_target(str(doc), 12, "reports") == "../../../docs/a%20b.txt#L12"
    assert link_target(str(doc), 12, ".") == "../../docs/a%20b.txt#L12"
    assert link_target("docs/x.pdf", "page=3", None) == "docs/x.pdf#page=3"
    assert md_link("*a*", "-", 3, None) == "\\*a\\*"  # standard input: no link, the text escaped
