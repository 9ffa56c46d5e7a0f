"""Whether the installed spaCy was compiled with Cython's profiling hooks, which slow its NER 2.6-2.8x.

spaCy's setup.py turns Cython's `profile` directive on for Python below 3.12, so its wheels for those Pythons
call a hook at every compiled function, and in the parser's GIL-free state functions each call takes the GIL.
`scripts/setup.sh` replaces such a build with the same version compiled without them (`scripts/build_spacy.sh`).
"""

from __future__ import annotations

import sys
from types import FrameType
from typing import Any

from factcheck.extract.entities import import_spacy


def profiling_hooks() -> bool:
    """True when compiled spaCy code reports its calls to a profiler, as only a hooked build does."""
    tokenizer = import_spacy().blank("en")  # the tokenizer and Doc are compiled (.pyx) code
    compiled: list[str] = []

    def seen(frame: FrameType, event: str, arg: Any) -> None:
        if event == "call" and frame.f_code.co_filename.endswith(".pyx"):
            compiled.append(frame.f_code.co_filename)

    previous = sys.getprofile()
    sys.setprofile(seen)
    try:
        tokenizer("one two")
    finally:
        sys.setprofile(previous)
    return bool(compiled)
