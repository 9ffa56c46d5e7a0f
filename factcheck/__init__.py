"""factcheck: cross-reference claims across documents and report conflicts, name variants and unique claims.

The Python API in five lines (the real model; the first run embeds, later runs read the cache)::

    >>> import factcheck
    >>> report = factcheck.check("fixtures/quake-tolls/docs")
    >>> [f.values for f in report.findings if f.kind == "conflict"]
    [('18.5', '26'), ('1037', '1305')]
    >>> factcheck.render(report, "md").splitlines()[0]
    '# Consistency report'
    >>> factcheck.frames(report)["findings"].query("kind == 'conflict'")[["doc", "line", "stated"]].values.tolist()
    [['agency-report', 5, '1,037 people'], ['morning-wire', 11, '18.5 km'], ['regional-daily', 2, '1,305'], ['regional-daily', 4, '26 km']]

`check(paths, **settings) -> Report`; `render(report, format)` with a format of `Format` (md, json, csv,
github, sarif, html); `render_markdown`, `render_json`, `render_csv`, `render_html`; `frames(report)` gives the
claims, facts and findings tables as pandas DataFrames. Report, Document, Claim, Fact, Cluster and Finding are
frozen dataclasses (see factcheck/model.py).
"""

from __future__ import annotations

from .api import check, frames
from .model import Claim, Cluster, Document, Fact, Finding, FindingKind, Report
from .render import Format, render
from .render.csv import render_csv
from .render.json import render_json
from .render.markdown import render_markdown

__version__ = "0.1.0"  # the distribution on the package index is factcheck-claims (pyproject reads this line)

__all__ = [
    "Claim",
    "Cluster",
    "Document",
    "Fact",
    "Finding",
    "FindingKind",
    "Format",
    "Report",
    "__version__",
    "check",
    "frames",
    "render",
    "render_csv",
    "render_json",
    "render_markdown",
]
